package dev.seqtrain.job;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How long seqtrain waits on a remote filesystem (HDFS, object stores) before it gives up: a NameNode that accepts
 * connections and never answers ends the job instead of hanging it.
 */
public record IoSpec(@JsonProperty("timeout_seconds") Integer timeoutSeconds) {
    public static final int DEFAULT_TIMEOUT_SECONDS = 60;

    public IoSpec {
        if (timeoutSeconds == null) timeoutSeconds = DEFAULT_TIMEOUT_SECONDS;
    }

    /** The checks of this section's own keys; {@code path} is where it sits in the spec ({@code io}). */
    public void validate(String path) {
        SpecCheck.positive(path + ".timeout_seconds", timeoutSeconds);
    }
}
