package dev.seqtrain.train;

import org.apache.spark.SparkContext;
import org.apache.spark.util.LongAccumulator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;

import java.io.Serializable;

/**
 * Counts the mini-batches the workers have fitted: a DL4J listener that the training master ships to every worker,
 * adding 1 to a Spark accumulator per fitted batch (DL4J calls {@code iterationDone} once per batch). Spark merges
 * the counts into the driver's accumulator as tasks finish.
 */
final class FittedBatches extends BaseTrainingListener implements Serializable {
    private static final long serialVersionUID = 1L;

    private final LongAccumulator count;

    private FittedBatches(LongAccumulator count) {
        this.count = count;
    }

    static FittedBatches register(SparkContext sc) {
        return new FittedBatches(sc.longAccumulator("seqtrain fitted batches"));
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        count.add(1);
    }

    /** On the driver: the batches fitted so far by tasks that have finished. */
    long total() {
        return count.value();
    }
}
