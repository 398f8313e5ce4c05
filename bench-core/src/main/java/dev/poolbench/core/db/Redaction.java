package dev.poolbench.core.db;

import java.util.regex.Pattern;

/** Keeps secrets out of everything poolbench prints or writes. */
public final class Redaction {

    public static final String MASK = "*****";

    // jdbc:postgresql://user:secret@host/db and ...?password=secret&... / ;password=secret
    private static final Pattern USER_INFO = Pattern.compile("(//[^/@?]*?):[^/@?]*@");
    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)([?&;](?:password|sslpassword)=)[^&;]*");

    private Redaction() {
    }

    /** A JDBC URL with any password in it replaced by {@value #MASK}. */
    public static String jdbcUrl(String url) {
        if (url == null) {
            return null;
        }
        String withoutUserInfo = USER_INFO.matcher(url).replaceAll("$1:" + MASK + "@");
        return PASSWORD_PARAM.matcher(withoutUserInfo).replaceAll("$1" + MASK);
    }

    /** {@code text} with every occurrence of {@code secret} masked; for messages that may quote a server's words. */
    public static String mask(String text, String secret) {
        if (text == null || secret == null || secret.isEmpty()) {
            return text;
        }
        return text.replace(secret, MASK);
    }
}
