package dev.seqtrain.batch;

import dev.seqtrain.job.SequenceEnd;
import dev.seqtrain.job.BatchingSpec;
import dev.seqtrain.job.JobSpec;
import dev.seqtrain.job.ModelSpec;
import dev.seqtrain.job.TaskKind;
import dev.seqtrain.model.ModelPlan;
import dev.seqtrain.model.Task;

/** Which batch layout a model and its prepared data need: token ids or numeric sequences; per-sequence labels or tags. */
public final class RowBatchers {
    private RowBatchers() {
    }

    /**
     * The batcher for {@code plan}: {@link NumericBatchBuilder} for numeric input ({@code spec}'s model.input),
     * {@link TaggedBatchBuilder} for a tagging head, else {@link BatchBuilder}.
     */
    public static RowBatcher of(ModelPlan plan, int numClasses, JobSpec spec) {
        return of(TaskKind.of(spec), plan, numClasses, spec, spec.training().batchSizePerWorker());
    }

    /** As {@link #of(ModelPlan, int, JobSpec)} with {@code batch} rows per batch (inference's larger batches). */
    public static RowBatcher of(ModelPlan plan, int numClasses, JobSpec spec, int batch) {
        return of(TaskKind.of(spec), plan, numClasses, spec, batch);
    }

    /** The batcher of {@code kind}'s prepared rows for {@code plan}, {@code batch} rows per batch. */
    public static RowBatcher of(TaskKind kind, ModelPlan plan, int numClasses, JobSpec spec, int batch) {
        BatchingSpec batching = spec.training().batching();
        boolean prePadded = spec.text().padding() == SequenceEnd.PRE;
        return switch (kind) {
            case NUMERIC -> {
                ModelSpec.InputSpec in = spec.model().input();
                yield new NumericBatchBuilder(batch, in.timesteps(), in.features(), plan.task(), numClasses);
            }
            case SEQ2SEQ -> new PairBatchBuilder(batch, plan.pairs().orElseThrow().sourceSteps(),
                    plan.pairs().orElseThrow().target(), batching.padding());
            case TAGGING -> new TaggedBatchBuilder(batch, numClasses, plan.masked(), spec.training().tbpttLength(),
                    prePadded, batching.padding(), batching.buckets());
            case TEXT_CLASSIFICATION -> new BatchBuilder(batch, numClasses, plan.task() == Task.BINARY, plan.masked(),
                    prePadded, batching.padding(), batching.buckets());
        };
    }
}
