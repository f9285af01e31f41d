package dev.seqtrain.errors;

/**
 * A failure the user can fix (bad spec, missing input, too many malformed rows, diverged loss). The CLI prints its
 * message as one line, without a stack trace, and exits with {@link #exitCode()}.
 */
public class SeqtrainException extends RuntimeException {
    private final ExitCode exitCode;

    public SeqtrainException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public SeqtrainException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    public static SeqtrainException input(String message) {
        return new SeqtrainException(ExitCode.INPUT, message);
    }

    public static SeqtrainException input(String message, Throwable cause) {
        return new SeqtrainException(ExitCode.INPUT, message, cause);
    }
}
