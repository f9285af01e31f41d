package dev.seqtrain.batch;

import dev.seqtrain.job.SequenceEnd;
import dev.seqtrain.job.BatchingSpec;
import dev.seqtrain.job.JobSpec;
import dev.seqtrain.job.ModelSpec;
import dev.seqtrain.model.LabelLayout;
import dev.seqtrain.model.ModelPlan;
import dev.seqtrain.model.Task;
import dev.seqtrain.text.LabelIndex;

/** Which batch layout a model and its prepared data need: token ids or numeric sequences; per-sequence labels or tags. */
public final class RowBatchers {
    private RowBatchers() {
    }

    /**
     * The batcher for {@code plan}: {@link NumericBatchBuilder} for numeric input ({@code spec}'s model.input),
     * {@link TaggedBatchBuilder} for a tagging head, else {@link BatchBuilder}.
     */
    public static RowBatcher of(ModelPlan plan, int numClasses, JobSpec spec) {
        return of(plan, numClasses, spec, spec.training().batchSizePerWorker());
    }

    /** As {@link #of(ModelPlan, int, JobSpec)} with {@code batch} rows per batch (inference's larger batches). */
    public static RowBatcher of(ModelPlan plan, int numClasses, JobSpec spec, int batch) {
        BatchingSpec batching = spec.training().batching();
        boolean prePadded = spec.text().padding() == SequenceEnd.PRE;
        if (!plan.tokenInput()) {
            ModelSpec.InputSpec in = spec.model().input();
            return new NumericBatchBuilder(batch, in.timesteps(), in.features(), plan.task(), numClasses);
        }
        if (plan.pairs().isPresent()) {
            return new PairBatchBuilder(batch, plan.pairs().get().sourceSteps(), plan.pairs().get().target());
        }
        if (plan.task() == Task.TAGGING) {
            return new TaggedBatchBuilder(batch, numClasses, plan.masked(), spec.training().tbpttLength(), prePadded,
                    batching.padding(), batching.buckets());
        }
        return new BatchBuilder(batch, numClasses, plan.task() == Task.BINARY, plan.masked(), prePadded,
                batching.padding(), batching.buckets());
    }

    /** PER_TOKEN for a tag index (CoNLL data), so the head must be a tagging head; null (no check) otherwise. */
    public static LabelLayout layout(LabelIndex labels) {
        return "tag".equals(labels.kind()) ? LabelLayout.PER_TOKEN : null;
    }
}
