package dev.poolbench.core.db;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZInputStream;
import org.tukaani.xz.XZOutputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;

/**
 * PostgreSQL's {@code initdb} and {@code postgres} refuse to run as root, and zonky runs them as
 * whoever runs the JVM. When that is root (a CI container, this project's CI), this resolver hands
 * zonky the same binaries with {@code initdb} and {@code pg_ctl} replaced by small scripts that
 * give the data directory to {@code nobody} and run the real program as {@code nobody} through
 * util-linux's {@code setpriv}. Nothing changes for a normal user.
 *
 * <p>The rewritten archive is made once per binaries version and kept in the temp directory.
 */
final class UnprivilegedBinaries implements PgBinaryResolver {

    static final UnprivilegedBinaries INSTANCE = new UnprivilegedBinaries();

    private static final Set<String> WRAPPED = Set.of("initdb", "pg_ctl");
    private static final String NOBODY = "65534";

    private static final String WRAPPER = String.join("\n",
            "#!/bin/sh",
            "# Written by poolbench: PostgreSQL refuses to run as root, so as root run it as nobody.",
            "real=\"$0.real\"",
            "if [ \"$(id -u)\" = 0 ]; then",
            "  chmod -R a+rX \"$(dirname \"$0\")/..\"",
            "  prev=",
            "  for arg in \"$@\"; do",
            "    [ \"$prev\" = -D ] && chown -R " + NOBODY + ":" + NOBODY + " \"$arg\"",
            "    prev=$arg",
            "  done",
            "  exec setpriv --reuid=" + NOBODY + " --regid=" + NOBODY + " --clear-groups \"$real\" \"$@\"",
            "fi",
            "exec \"$real\" \"$@\"",
            "");

    private UnprivilegedBinaries() {
    }

    static boolean needed() {
        return "root".equals(System.getProperty("user.name"));
    }

    @Override
    public InputStream getPgBinary(String system, String machineHardware) throws IOException {
        Path cache = Path.of(System.getProperty("java.io.tmpdir"), "poolbench-pg",
                "postgres-" + system + "-" + machineHardware + "-" + binariesVersion() + "-as-nobody.txz");
        if (!Files.exists(cache)) {
            Files.createDirectories(cache.getParent());
            Path partial = Files.createTempFile(cache.getParent(), "partial", ".txz");
            try (InputStream original = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machineHardware);
                 OutputStream out = Files.newOutputStream(partial)) {
                if (original == null) {
                    return null;
                }
                rewrite(original, out);
            }
            Files.move(partial, cache, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return Files.newInputStream(cache);
    }

    private static String binariesVersion() {
        Package p = DefaultPostgresBinaryResolver.class.getPackage();
        String version = p == null ? null : p.getImplementationVersion();
        return version == null ? "unknown" : version;
    }

    private static void rewrite(InputStream original, OutputStream out) throws IOException {
        try (TarArchiveInputStream in = new TarArchiveInputStream(new XZInputStream(original));
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new XZOutputStream(out, new LZMA2Options(1)))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            TarArchiveEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                String program = programName(entry);
                if (program != null && entry.isFile() && WRAPPED.contains(program)) {
                    TarArchiveEntry real = new TarArchiveEntry(entry.getName() + ".real");
                    real.setMode(0755);
                    real.setSize(entry.getSize());
                    real.setModTime(entry.getModTime());
                    tar.putArchiveEntry(real);
                    in.transferTo(tar);
                    tar.closeArchiveEntry();

                    byte[] script = WRAPPER.getBytes(StandardCharsets.UTF_8);
                    TarArchiveEntry wrapper = new TarArchiveEntry(entry.getName());
                    wrapper.setMode(0755);
                    wrapper.setSize(script.length);
                    wrapper.setModTime(entry.getModTime());
                    tar.putArchiveEntry(wrapper);
                    tar.write(script);
                    tar.closeArchiveEntry();
                } else {
                    tar.putArchiveEntry(entry);
                    if (entry.isFile()) {
                        in.transferTo(tar);
                    }
                    tar.closeArchiveEntry();
                }
            }
        }
    }

    /** "initdb" for "bin/initdb" or "./bin/initdb"; null outside bin/. */
    private static String programName(TarArchiveEntry entry) {
        String name = entry.getName().startsWith("./") ? entry.getName().substring(2) : entry.getName();
        return name.startsWith("bin/") ? name.substring(4) : null;
    }
}
