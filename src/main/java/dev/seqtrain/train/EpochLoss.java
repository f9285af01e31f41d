package dev.seqtrain.train;

import dev.seqtrain.metrics.FittedBatchLoss;
import org.apache.spark.SparkContext;
import org.apache.spark.util.DoubleAccumulator;
import org.apache.spark.util.LongAccumulator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.TrainingHook;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * The epoch's training {@code loss} in Keras' units: the mean loss per term (example, or real token for a tagger or
 * a decoder) over every mini-batch the workers fitted, each at the weights it was fitted with, as Keras' epoch loss
 * is. A training hook on every worker adds each batch's terms ({@link FittedBatchLoss}) to Spark accumulators; the
 * driver reads the epoch's share after the fit.
 */
final class EpochLoss implements TrainingHook {
    private static final long serialVersionUID = 1L;

    private final DoubleAccumulator total;
    private final LongAccumulator terms;
    private transient double totalAtStart;
    private transient long termsAtStart;

    private EpochLoss(DoubleAccumulator total, LongAccumulator terms) {
        this.total = total;
        this.terms = terms;
    }

    static EpochLoss register(SparkContext sc) {
        return new EpochLoss(sc.doubleAccumulator("seqtrain loss total"), sc.longAccumulator("seqtrain loss terms"));
    }

    @Override
    public void postUpdate(DataSet minibatch, Model model) {
        // the score DL4J kept from fitting this batch
        total.add(FittedBatchLoss.total(model.score(), minibatch));
        terms.add(FittedBatchLoss.terms(minibatch, (MultiLayerNetwork) model));
    }

    @Override
    public void postUpdate(MultiDataSet minibatch, Model model) {
    }

    @Override
    public void preUpdate(DataSet minibatch, Model model) {
    }

    @Override
    public void preUpdate(MultiDataSet minibatch, Model model) {
    }

    /** On the driver, before an epoch's fit. */
    void begin() {
        totalAtStart = total.value();
        termsAtStart = terms.value();
    }

    /** On the driver, after the fit: the epoch's mean, or {@code fallback} (DL4J's score) if no batch reported. */
    double end(double fallback) {
        long n = terms.value() - termsAtStart;
        return n == 0 ? fallback : (total.value() - totalAtStart) / n;
    }
}
