package dev.poolbench.load.service;

import dev.poolbench.core.config.SettingsException;
import dev.poolbench.core.db.Jit;
import dev.poolbench.core.todo.Transactions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Flags: the defaults are the seeds' baseline, and a bad one stops start-up with one line naming it. */
class ServiceCommandTest {

    @Test
    void noFlagsMeansTheSeedsBaseline() {
        ServiceOptions options = ServiceCommand.parse().options();

        assertThat(options).isEqualTo(ServiceOptions.defaults());
        assertThat(options.label()).isEqualTo("queue 5+10, timeout 30s, event-loop, indexes off");
        assertThat(options.describe()).containsEntry("pool", "queue").containsEntry("poolTimeoutMs", 30_000L)
                .containsEntry("execution", "event-loop").containsEntry("cacheTtlMs", 0L).containsEntry("jit", "default")
                .containsEntry("transactions", "autocommit").containsEntry("retry", "off");
        assertThat(options.retry()).isEqualTo(RetryPolicy.OFF);
    }

    @Test
    void seed004sRetryIsAFlag() {
        ServiceOptions seeds = ServiceCommand.parse("--retry", "3x2s", "--execution", "worker").options();
        ServiceOptions quick = ServiceCommand.parse("--retry", "5X250ms").options();

        assertThat(seeds.retry()).isEqualTo(RetryPolicy.SEED_004).isEqualTo(new RetryPolicy(3, java.time.Duration.ofSeconds(2)));
        assertThat(seeds.retry().sleepBefore(2)).hasSeconds(2);
        assertThat(seeds.retry().sleepBefore(3)).hasSeconds(4);
        assertThat(seeds.label()).isEqualTo("queue 5+10, timeout 30s, worker, indexes off, retry 3x2s");
        assertThat(seeds.describe()).containsEntry("retry", "3x2s");
        assertThat(quick.retry()).isEqualTo(new RetryPolicy(5, java.time.Duration.ofMillis(250)));
        assertThat(ServiceCommand.parse("--retry", "off").options().retry().enabled()).isFalse();
    }

    @Test
    void everyKnobIsAFlag() {
        ServiceOptions options = ServiceCommand.parse("--pool", "hikari", "--pool-size", "20", "--max-overflow", "30",
                "--pool-timeout", "20s", "--recycle", "300s", "--pre-ping", "--indexes", "on", "--cache-ttl", "5m",
                "--execution", "worker", "--worker-threads", "40", "--seed-rows", "0", "--port", "0",
                "--configuration", "seed-004", "--jit", "off", "--transactions", "session").options();

        assertThat(options.label()).isEqualTo("hikari 20+30, timeout 20s, recycle 300s, pre-ping, worker, indexes on, cache ttl 300s, "
                + "jit off, session transactions");
        assertThat(options.jit()).isEqualTo(Jit.OFF);
        assertThat(options.transactions()).isEqualTo(Transactions.SESSION);
        assertThat(options.describe()).containsEntry("jit", "off").containsEntry("transactions", "session");
        assertThat(options.configuration()).isEqualTo("seed-004");
        assertThat(options.workerThreads()).isEqualTo(40);
        assertThat(options.seedRows()).isZero();
        assertThat(options.port()).isZero();
    }

    @Test
    void reactiveNamesItsOwnPool() {
        ServiceOptions options = ServiceCommand.parse("--execution", "reactive", "--pool-size", "20", "--max-overflow", "30").options();

        assertThat(options.label()).isEqualTo("vertx-pg 20+30, timeout 30s, reactive, indexes off");
        assertThat(options.describe()).containsEntry("pool", "vertx-pg");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
        --pool fast              ; --pool = 'fast' is not accepted: one of none, static, single, queue, hikari, dbcp2, agroal, vibur, tomcat, c3p0
        --pool-size 0            ; --pool-size = '0' is not accepted: a whole number from 1 to 1000
        --pool-size many         ; --pool-size = 'many' is not accepted: a whole number from 1 to 1000
        --max-overflow -1        ; --max-overflow = '-1' is not accepted: a whole number from 0 to 1000
        --pool-timeout soon      ; --pool-timeout = 'soon' is not accepted: a duration of zero or more, such as 250ms, 30s, 10m, 1h (a bare number means seconds)
        --pool-timeout 0         ; --pool-timeout = '0s' is not accepted: more than zero and at most 1h, e.g. 30s (with zero no borrower could ever wait for a busy connection)
        --recycle -5s            ; --recycle = '-5s' is not accepted: a duration of zero or more, such as 250ms, 30s, 10m, 1h (a bare number means seconds)
        --pre-ping=maybe         ; --pre-ping = 'maybe' is not accepted: true or false (also on/off, yes/no)
        --indexes yes            ; --indexes = 'yes' is not accepted: on or off
        --cache-ttl forever      ; --cache-ttl = 'forever' is not accepted: a duration of zero or more, such as 250ms, 30s, 10m, 1h (a bare number means seconds)
        --jit maybe              ; --jit = 'maybe' is not accepted: one of default, on, off
        --execution async        ; --execution = 'async' is not accepted: one of event-loop, worker, virtual, reactive
        --transactions orm       ; --transactions = 'orm' is not accepted: one of autocommit, session
        --retry 3                ; --retry = '3' is not accepted: off, or TRIESxBACKOFF with 2 to 10 tries and a backoff such as 250ms or 2s, e.g. 3x2s (seed 004: 3 tries, sleeping 2s then 4s)
        --retry 1x2s             ; --retry = '1x2s' is not accepted: off, or TRIESxBACKOFF with 2 to 10 tries and a backoff such as 250ms or 2s, e.g. 3x2s (seed 004: 3 tries, sleeping 2s then 4s)
        --retry 3x-2s            ; --retry = '3x-2s' is not accepted: off, or TRIESxBACKOFF with 2 to 10 tries and a backoff such as 250ms or 2s, e.g. 3x2s (seed 004: 3 tries, sleeping 2s then 4s)
        --retry always           ; --retry = 'always' is not accepted: off, or TRIESxBACKOFF with 2 to 10 tries and a backoff such as 250ms or 2s, e.g. 3x2s (seed 004: 3 tries, sleeping 2s then 4s)
        --execution reactive --retry 3x2s  ; --retry = '3x2s' is not accepted with --execution reactive: seed 004's retry sleeps the calling thread between tries, as its decorator does (use it with event-loop, worker or virtual, or leave --retry off)
        --worker-threads 0       ; --worker-threads = '0' is not accepted: a whole number from 1 to 1000
        --port 70000             ; --port = '70000' is not accepted: a whole number from 0 to 65535
        --pool hikari --pool-timeout 100ms ; --pool-timeout = '100ms' is not accepted: at least 250ms with strategy hikari (HikariCP's minimum connectionTimeout)
        --pool hikari --recycle 10s        ; --recycle = '10s' is not accepted: zero (never) or at least 30s with strategy hikari (HikariCP's minimum maxLifetime)
        --execution reactive --pool none   ; --pool = 'none' is not accepted with --execution reactive: vertx-pg-client brings its own pool, sized by --pool-size and --max-overflow (leave --pool at queue)
        --pool-siz 5             ; Unknown options: '--pool-siz', '5' (see --help)
        --pool                   ; Missing required parameter for option '--pool' (none|static|single|queue|hikari|dbcp2|agroal|vibur|tomcat|c3p0) (see --help)
        """)
    void aBadFlagIsRefusedInOneLineNamingIt(String args, String message) {
        assertThatThrownBy(() -> ServiceCommand.parse(args.split(" ")))
                .isInstanceOf(SettingsException.class)
                .hasMessage(message);
    }

    @Test
    @EnabledForJreRange(max = JRE.JAVA_20)
    void virtualThreadsAreRefusedBeforeJdk21() {
        assertThatThrownBy(() -> ServiceCommand.parse("--execution", "virtual"))
                .hasMessage("--execution = 'virtual' needs JDK 21 or newer (virtual threads); this is Java "
                        + Runtime.version() + ": run on JDK 21+ or choose one of event-loop, worker, reactive");
    }

    @Test
    void theProgramStopsOnABadFlagWithOneLineAndNoDatabaseWork() throws Exception {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-cp", System.getProperty("java.class.path"),
                TodoService.class.getName(), "--port", "0", "--execution", "sideways"));
        Process process = new ProcessBuilder(command).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(stderr).isEqualTo("todo-service: --execution = 'sideways' is not accepted: one of event-loop, worker, virtual, reactive"
                + System.lineSeparator());
        assertThat(stdout).isEmpty();
    }

    static String javaBinary() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }
}
