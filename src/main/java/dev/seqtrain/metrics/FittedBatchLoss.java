package dev.seqtrain.metrics;

import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The training loss of one fitted mini-batch in Keras' units, from the score DL4J computed while fitting it (no
 * second forward pass). DL4J's score is a mean over the batch's examples of each example's loss, which for an output
 * per time step ({@code RnnOutputLayer}: taggers, seq2seq decoders) is the <em>sum</em> over its unmasked steps: a
 * per-sentence sum. Keras averages over real tokens instead, as {@link KerasLoss} does for {@code val_loss}; so the
 * batch's loss terms are {@code score x examples} in total over {@link #terms} terms (examples, or real label steps).
 * For a sequence head the two units already agree (one term per example).
 */
public final class FittedBatchLoss {
    private FittedBatchLoss() {
    }

    /** The sum of the batch's loss terms: DL4J's per-example mean times the examples it was taken over. */
    public static double total(double score, DataSet batch) {
        return score * batch.getFeatures().size(0);
    }

    /**
     * Loss terms in the score: examples for 2-d labels; for 3-d labels the label mask's ones (every step without a
     * mask), over the last truncated-BPTT segment only when the network trains with truncated BPTT (DL4J's score
     * after {@code fit} is that segment's).
     */
    public static long terms(DataSet batch, MultiLayerNetwork network) {
        var labels = batch.getLabels();
        if (labels.rank() != 3) return labels.size(0);
        long steps = labels.size(2);
        long from = 0;
        var conf = network.getLayerWiseConfigurations();
        if (conf.getBackpropType() == BackpropType.TruncatedBPTT && conf.getTbpttFwdLength() < steps) {
            long segment = conf.getTbpttFwdLength();
            from = ((steps + segment - 1) / segment - 1) * segment;
        }
        var mask = batch.getLabelsMaskArray();
        if (mask == null) return labels.size(0) * (steps - from);
        return mask.get(NDArrayIndex.all(), NDArrayIndex.interval(from, steps)).sumNumber().longValue();
    }
}
