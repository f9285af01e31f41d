package dev.seqtrain.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The one way tests run the CLI in-process: {@link Main#execute} with stdout and stderr captured. Tests that need a
 * separate JVM use {@code testing/CliProcess}.
 */
public final class CliRunner {
    /** What one CLI invocation did. */
    public record Result(int exitCode, String out, String err) {
        /** The JSON status line: the last line of stdout. */
        public String statusLine() {
            String[] lines = out.strip().split("\n");
            return lines[lines.length - 1];
        }
    }

    public static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    public static Result run(List<String> args) {
        return run(args.toArray(String[]::new));
    }

    private CliRunner() {
    }
}
