package dev.seqtrain.job;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code evaluation}: how inference batches are cut for validation during training, {@code evaluate} and
 * {@code predict}. Inference keeps no backprop state, so its batches can be much larger than training's.
 */
public record EvaluationSpec(@JsonProperty("batch_size") Integer batchSize) {
    /** Rows per inference batch, chosen from the measurements in docs/benchmarks/evaluation.md. */
    public static final int DEFAULT_BATCH_SIZE = 512;

    public EvaluationSpec {
        if (batchSize == null) batchSize = DEFAULT_BATCH_SIZE;
    }

    /** The checks of this section's own keys; {@code path} is where it sits in the spec ({@code evaluation}). */
    public void validate(String path) {
        SpecCheck.positive(path + ".batch_size", batchSize);
    }
}
