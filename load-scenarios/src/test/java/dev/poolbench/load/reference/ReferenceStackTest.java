package dev.poolbench.load.reference;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Where the reference stack cannot run, it says so in one line naming what to install, and nothing starts. */
class ReferenceStackTest {

    @Test
    void anInterpreterWithoutThePackagesIsNamedInOneLineWithTheInstallCommand() {
        // -S: no site packages, so none of the Debian modules can be imported
        String line = new ReferenceStack(List.of(ReferenceStack.PYTHON, "-S")).unavailable().orElseThrow();

        assertThat(line).doesNotContain("\n")
                .startsWith("the reference service needs fastapi, uvicorn, sqlalchemy, psycopg2, asyncpg")
                .contains(ReferenceStack.INSTALL);
    }

    @Test
    void aMissingInterpreterIsNamedInOneLineWithTheInstallCommand() {
        String line = new ReferenceStack(List.of("/nonexistent/python3")).unavailable().orElseThrow();

        assertThat(line).doesNotContain("\n").startsWith("the reference stack needs /nonexistent/python3")
                .endsWith("python3-fastapi python3-uvicorn python3-sqlalchemy python3-psycopg2 python3-asyncpg");
    }

    @Test
    void theLauncherIsTheExecutableScriptBesideThePackage() {
        assertThat(ReferenceStack.launcher()).hasSize(1);
        assertThat(Files.isExecutable(ReferenceStack.script())).isTrue();
        assertThat(ReferenceStack.home().resolve("reference_service/__main__.py")).exists();
    }
}
