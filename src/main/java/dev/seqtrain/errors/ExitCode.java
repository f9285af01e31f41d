package dev.seqtrain.errors;

/** Process exit codes, one per class of failure, so schedulers can tell them apart. */
public enum ExitCode {
    OK(0),
    /** Bad command line or job spec: the user fixes the spec. */
    USAGE(2),
    /** Missing or malformed input data: the user fixes the data. */
    INPUT(3),
    /** Training diverged (NaN or infinite loss). */
    DIVERGED(4),
    /** A capability that is not built yet. */
    NOT_BUILT(5),
    /** The output already exists and output.if_exists says fail. */
    OUTPUT_EXISTS(6),
    /**
     * The environment failed, not the job: a filesystem unreachable or not answering within io.timeout_seconds,
     * permission denied, disk full or over quota, a read-only filesystem. Retrying (after fixing it) may help.
     */
    ENVIRONMENT(7),
    /** A bug: report it with the stack trace. */
    INTERNAL(70);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
