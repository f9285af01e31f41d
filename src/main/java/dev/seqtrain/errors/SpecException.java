package dev.seqtrain.errors;

/** A job spec that cannot be used: names the file and the key path, e.g. {@code x.yaml: model.layers[1].units: ...}. */
public final class SpecException extends SeqtrainException {
    public SpecException(String message) {
        super(ExitCode.USAGE, message);
    }

    public SpecException(String message, Throwable cause) {
        super(ExitCode.USAGE, message, cause);
    }
}
