package dev.seqtrain.cli;

import dev.seqtrain.errors.ExitCode;
import dev.seqtrain.errors.Failures;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintStream;

/**
 * {@code seqtrain}: one CLI, one subcommand per stage. User-fixable failures print one line and a distinct exit code;
 * every job ends with a JSON status line on stdout.
 */
@Command(name = "seqtrain", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Train text sequence models (Embedding, SimpleRNN/LSTM/GRU, Dense) on Apache Spark with DL4J.",
        subcommands = {RunCommand.class, PrepareCommand.class, TrainCommand.class, EvaluateCommand.class,
                PredictCommand.class, SummaryCommand.class, ManifestCommand.class},
        footer = {"", "Exit codes: 0 ok, 2 bad usage or job spec, 3 bad input data, 4 training diverged,",
                "5 not available yet, 6 output exists, 7 environment (filesystem unreachable or not answering,",
                "permission denied, disk full: retrying may help), 70 internal error."})
public final class Main implements Runnable {

    /** The status line of the running subcommand, so failures can still report one. */
    static final ThreadLocal<StatusLine> CURRENT_STATUS = new ThreadLocal<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }

    public static void main(String[] args) {
        System.exit(execute(args, System.out, System.err));
    }

    /** Runs the CLI and returns its exit code (tests call this instead of {@link #main}). */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(err, true));
        cli.setExitCodeExceptionMapper(t -> ExitCode.INTERNAL.code());
        cli.setParameterExceptionHandler((ex, a) -> {
            err.println("seqtrain: " + ex.getMessage());
            ex.getCommandLine().usage(err);
            return ExitCode.USAGE.code();
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            StatusLine status = CURRENT_STATUS.get();
            Failures.Failure failure = Failures.classify(ex);
            boolean internal = failure.exitCode() == ExitCode.INTERNAL;
            err.println((internal ? "seqtrain: internal error: " : "seqtrain: error: ") + failure.message());
            // a bug is reported with its trace; anything the user or the operator can fix is one line
            if (internal || commandLine.getCommand() instanceof JobCommand j && j.verbose) ex.printStackTrace(err);
            int code = failure.exitCode().code();
            if (status != null) out.println(status.error(failure.message(), code).toJson());
            return code;
        });
        CURRENT_STATUS.remove();
        int code = cli.execute(args);
        StatusLine status = CURRENT_STATUS.get();
        if (code == 0 && status != null) out.println(status.toJson());
        CURRENT_STATUS.remove();
        return code;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[]{"seqtrain " + (v == null ? "(development build)" : v)};
        }
    }
}
