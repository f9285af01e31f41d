package dev.seqtrain.job;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Locale;

/**
 * {@code training.batching}: how an epoch's rows become mini-batches. {@code padding: dynamic} pads each batch only to
 * its longest member (masks keep the results exact); {@code buckets: N} forms batches of rows of similar length, from
 * windows of N batches' worth of rows of the epoch's shuffled order (1: no bucketing).
 */
public record BatchingSpec(
        @JsonProperty("padding") Padding padding,
        @JsonProperty("buckets") Integer buckets) {

    /** The defaults, chosen from the measurements in docs/benchmarks/batching.md. */
    public static final Padding DEFAULT_PADDING = Padding.DYNAMIC;
    public static final int DEFAULT_BUCKETS = 8;

    public BatchingSpec {
        if (padding == null) padding = DEFAULT_PADDING;
        if (buckets == null) buckets = DEFAULT_BUCKETS;
    }

    public static BatchingSpec defaults() {
        return new BatchingSpec(null, null);
    }

    /** {@code training.batching.padding}. */
    public enum Padding {
        /** Every batch is {@code text.maxlen} wide, as Keras' pad_sequences leaves it. */
        @JsonProperty("fixed") FIXED,
        /** A batch is as wide as its longest member (at least 1), when the embedding masks the padding. */
        @JsonProperty("dynamic") DYNAMIC;

        /** The spec spelling, as {@code job.yaml} writes it back. */
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
