package dev.seqtrain.cli;

/** The in-process CLI for tests outside this package. */
public final class CliRunner {
    public record Result(int exitCode, String out, String err) {
    }

    public static Result run(String... args) {
        CliTestSupport.Result r = CliTestSupport.run(args);
        return new Result(r.exitCode(), r.out(), r.err());
    }

    private CliRunner() {
    }
}
