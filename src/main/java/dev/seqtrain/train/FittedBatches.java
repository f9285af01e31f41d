package dev.seqtrain.train;

import org.apache.spark.SparkContext;
import org.apache.spark.util.LongAccumulator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.spark.api.TrainingHook;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Counts the mini-batches the workers have fitted: a DL4J training hook that the training master ships to every
 * worker, which calls it once after each mini-batch's update (a listener's {@code iterationDone} would count every
 * truncated-BPTT segment); it adds 1 to a Spark accumulator, whose counts Spark merges into the driver's as tasks
 * finish.
 */
final class FittedBatches implements TrainingHook {
    private static final long serialVersionUID = 1L;

    private final LongAccumulator count;

    private FittedBatches(LongAccumulator count) {
        this.count = count;
    }

    static FittedBatches register(SparkContext sc) {
        return new FittedBatches(sc.longAccumulator("seqtrain fitted batches"));
    }

    @Override
    public void postUpdate(DataSet minibatch, Model model) {
        count.add(1);
    }

    @Override
    public void postUpdate(MultiDataSet minibatch, Model model) {
        count.add(1);
    }

    @Override
    public void preUpdate(DataSet minibatch, Model model) {
    }

    @Override
    public void preUpdate(MultiDataSet minibatch, Model model) {
    }

    /** On the driver: the batches fitted so far by tasks that have finished. */
    long total() {
        return count.value();
    }
}
