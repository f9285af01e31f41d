package dev.seqtrain.batch;

import dev.seqtrain.job.BatchingSpec;

import java.io.Serializable;

/**
 * How a batch builder cuts rows into batches, shared by all of them: rows per batch, and for token rows whether
 * batches are cut to their longest member ({@code training.batching.padding: dynamic}, only with a mask: without
 * one the padding is input) and into how many length buckets an epoch is sorted.
 *
 * @param prePadded text.padding is pre: real tokens sit at the end of a row
 */
public record Batching(int batchSize, boolean masked, boolean prePadded, BatchingSpec.Padding padding, int buckets)
        implements Serializable {

    /** Fixed-width batches of {@code batchSize} rows (numeric sequences, pairs). */
    public static Batching fixed(int batchSize) {
        return new Batching(batchSize, false, false, BatchingSpec.Padding.FIXED, 1);
    }

    /** Batches cut to their longest member. */
    public boolean dynamic() {
        return masked && padding == BatchingSpec.Padding.DYNAMIC;
    }

    /** The epoch's length buckets: none unless padding is dynamic. */
    public LengthBuckets lengthBuckets() {
        return new LengthBuckets(batchSize, dynamic() ? buckets : 1);
    }

    /** The columns a batch whose real tokens span {@code [firstReal, endReal)} keeps. */
    PaddedColumns columns(int maxlen, int firstReal, int endReal) {
        return PaddedColumns.of(maxlen, firstReal, endReal, dynamic(), prePadded);
    }
}
