package dev.seqtrain.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import static dev.seqtrain.job.SpecCheck.positive;
import static dev.seqtrain.job.SpecCheck.require;

/** Where the model directory and the prepared data go, and what a rerun does with an existing model directory. */
public record OutputSpec(
        @JsonProperty("dir") String dir,
        @JsonProperty("prepared_dir") String preparedDir,
        @JsonProperty("prepared_format") PreparedFormat preparedFormat,
        @JsonProperty("if_exists") IfExists ifExists,
        @JsonProperty("checkpoints") Boolean checkpoints,
        @JsonProperty("lock_stale_minutes") Integer lockStaleMinutes,
        // env:NAME or file:PATH of the HMAC key that signs manifest.json; the key itself never goes in a spec
        @JsonProperty("signing_key") String signingKey) {

    /** {@code output.prepared_format}: how prepared rows are stored. */
    public enum PreparedFormat {
        @JsonProperty("parquet") PARQUET,
        /** JSON Lines, read back with a schema. */
        @JsonProperty("jsonl") JSONL;

        @Override
        public String toString() {
            return SpecValues.spelling(this);
        }
    }

    /** {@code env:NAME} or {@code file:PATH}: where the signing key is. */
    public static boolean isKeyReference(String ref) {
        return ref != null && ref.matches("(env|file):.+");
    }

    public OutputSpec withIfExists(IfExists policy) {
        return new OutputSpec(dir, preparedDir, preparedFormat, policy, checkpoints, lockStaleMinutes, signingKey);
    }

    public OutputSpec {
        if (preparedFormat == null) preparedFormat = PreparedFormat.PARQUET;
        if (ifExists == null) ifExists = IfExists.FAIL;
        if (checkpoints == null) checkpoints = true;
        // a live job refreshes its lock every quarter of this; a killed job's lock is taken over after it
        if (lockStaleMinutes == null) lockStaleMinutes = 10;
    }

    /** The checks of this section's own keys; {@code path} is where it sits in the spec ({@code output}). */
    public void validate(String path) {
        require(dir != null && !dir.isBlank(), path + ".dir", "required: where the model directory goes (e.g. --set "
                + path + ".dir=/tmp/model)");
        positive(path + ".lock_stale_minutes", lockStaleMinutes);
        require(signingKey == null || isKeyReference(signingKey), path + ".signing_key",
                "must be env:NAME or file:PATH (where the key is, never the key itself)");
    }

    public java.time.Duration lockStale() {
        return java.time.Duration.ofMinutes(lockStaleMinutes);
    }

    /**
     * The prepared data lives beside the model directory, not inside it: the model directory is renamed into place
     * whole at the end of training, so nothing may be written into it before.
     */
    public String resolvedPreparedDir() {
        if (preparedDir != null) return preparedDir;
        String d = dir.endsWith("/") ? dir.substring(0, dir.length() - 1) : dir;
        return d + ".prepared";
    }
}
