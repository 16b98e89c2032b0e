package dev.reveal.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TokenCommandTest {

    @Test
    void helpPrintsTheUsageAndEveryOptionAndSucceeds() {
        Output out = run("token", "--help");
        assertThat(out.status).isZero();
        assertThat(out.stdout).contains("usage: token --subject NAME").contains("--operator").contains("--ttl")
                .contains("--data-dir").contains("REVEAL_AUTH_HMAC_SECRET");
        assertThat(out.stderr).isEmpty();
    }

    @Test
    void anUnknownOptionIsRefusedWithTheUsage() {
        Output out = run("token", "--bogus");
        assertThat(out.status).isEqualTo(2);
        assertThat(out.stderr).contains("unknown option --bogus").contains("usage: token").contains("token --help");
        assertThat(out.stdout).isEmpty();
    }

    private record Output(int status, String stdout, String stderr) {
    }

    private static Output run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
            int status = TokenCommand.run(args);
            return new Output(status, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
