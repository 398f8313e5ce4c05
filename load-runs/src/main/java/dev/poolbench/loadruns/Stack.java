package dev.poolbench.loadruns;

import dev.poolbench.core.config.Settings;
import dev.poolbench.core.config.SettingsException;
import dev.poolbench.core.process.ServiceProcess;
import dev.poolbench.results.LoadSummary;

import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which service a load run starts (issue 17): {@link #JAVA}, the Vert.x TODO service, or {@link #REFERENCE}, the
 * seeds' own stack (FastAPI + SQLAlchemy on one uvicorn worker, load-scenarios' {@code ReferenceStack}). Both take
 * the same flags and environment and print the same listening line, so {@link ServiceProcess} starts either.
 *
 * <p>The reference stack lives in load-scenarios, which the runs do not have on their classpath (they start the
 * service's jar): its launcher and its one-line skip reason are asked of {@code ReferenceStack} loaded from
 * this classpath when it is there (the tests), else from the service's jar, which carries the Python source.
 */
public enum Stack {
    JAVA, REFERENCE;

    static final String REFERENCE_STACK_CLASS = "dev.poolbench.load.reference.ReferenceStack";

    /** {@code java} or {@code reference}: the summary's {@code stack}. */
    public String spelling() {
        return this == JAVA ? LoadSummary.JAVA : LoadSummary.REFERENCE;
    }

    /** {@code "java,reference"}: one or both, in the order given, each once; anything else refused in one line. */
    public static List<Stack> parseList(String name, String value) {
        List<Stack> stacks = new ArrayList<>();
        for (String part : value.split(",")) {
            Stack stack;
            try {
                stack = Settings.parseChoice(name, part, Stack.class);
            } catch (SettingsException e) {
                throw SettingsException.badValue(name, value, "java, reference, or both: java,reference");
            }
            if (!stacks.contains(stack)) {
                stacks.add(stack);
            }
        }
        return List.copyOf(stacks);
    }

    /** The command that starts this stack's service, to which {@link ServiceProcess} adds the flags. */
    List<String> launcher(Path serviceJar) {
        if (this == JAVA) {
            return javaLauncher(serviceJar);
        }
        return List.copyOf(call(referenceStack(serviceJar), "launcher", null));
    }

    /** {@code java -jar todo-service.jar} when the jar is built, else the same main class on this JVM's classpath. */
    static List<String> javaLauncher(Path serviceJar) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> launcher = new ArrayList<>(List.of(java, "-Xms256m", "-Xmx1g"));
        if (serviceJar != null && serviceJar.toFile().isFile()) {
            launcher.addAll(List.of("-jar", serviceJar.toString()));
        } else {
            launcher.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.poolbench.load.service.TodoService"));
        }
        return launcher;
    }

    /** Why this stack cannot run here, in one line naming what to install; empty when it can. */
    Optional<String> unavailable(Path serviceJar) {
        if (this == JAVA) {
            return Optional.empty();
        }
        Class<?> type;
        try {
            type = referenceStack(serviceJar);
        } catch (IllegalStateException e) {
            return Optional.of(e.getMessage());
        }
        Object onDebianPython = call(type, "onDebianPython", null);
        return call(type, "unavailable", onDebianPython);
    }

    private static Class<?> referenceStack(Path serviceJar) {
        try {
            return Class.forName(REFERENCE_STACK_CLASS);
        } catch (ClassNotFoundException notOnThisClasspath) {
            if (serviceJar == null || !serviceJar.toFile().isFile()) {
                throw new IllegalStateException("the reference stack comes in load-scenarios' todo-service.jar, which is "
                        + "not built" + (serviceJar == null ? "" : " (" + serviceJar + ")") + ": mvn package -pl load-scenarios");
            }
            try {
                // only the JDK below it: ReferenceStack needs nothing else, and finds its Python source in the jar
                URLClassLoader loader = new URLClassLoader(new URL[] {serviceJar.toUri().toURL()},
                        ClassLoader.getPlatformClassLoader());
                return Class.forName(REFERENCE_STACK_CLASS, true, loader);
            } catch (ClassNotFoundException | MalformedURLException e) {
                throw new IllegalStateException("the reference stack is not in " + serviceJar + ": " + e, e);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T call(Class<?> type, String method, Object target) {
        try {
            return (T) type.getMethod(method).invoke(target);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("ReferenceStack." + method + "() could not be called: " + e, e);
        }
    }
}
