package dev.seqtrain.metrics;

import dev.seqtrain.job.ModelSpec;
import org.nd4j.linalg.api.ndarray.INDArray;


/**
 * A head's loss in Keras' units, from the network's outputs: the mean over the output units (Keras averages
 * {@code binary_crossentropy}, {@code mse} and {@code mae} over the last axis; categorical cross-entropy sums the
 * classes into one value), per example for a sequence head, per real token for a tagger ({@code [mb, C, T]} with the
 * label mask). DL4J's own score is a per-sequence sum for a tagger, which is why seqtrain computes it here.
 */
public enum KerasLoss {
    BINARY_CROSSENTROPY, CATEGORICAL_CROSSENTROPY, MSE, MAE;

    /** Keras' {@code backend.epsilon()}: probabilities are clipped to [eps, 1 - eps] before the logarithm. */
    static final double EPSILON = 1e-7;

    /** How a spec's loss is computed ({@code ModelPlan#loss()}). */
    public static KerasLoss of(ModelSpec.Loss loss) {
        return switch (loss) {
            case BINARY_CROSSENTROPY -> BINARY_CROSSENTROPY;
            // sparse labels are one-hot rows by the time they are scored
            case CATEGORICAL_CROSSENTROPY, SPARSE_CATEGORICAL_CROSSENTROPY -> CATEGORICAL_CROSSENTROPY;
            case MSE -> MSE;
            case MAE -> MAE;
        };
    }

    /**
     * Adds the batch's loss terms to {@code sum} and {@code count}: one term per example ({@code [mb, C]}) or per
     * unmasked time step ({@code [mb, C, T]}; {@code labelMask} {@code [mb, T]} or null for all steps).
     */
    void accumulate(INDArray output, INDArray labels, INDArray labelMask, Sum into) {
        if (output.rank() == 2) {
            double[][] p = output.toDoubleMatrix();
            double[][] y = labels.toDoubleMatrix();
            for (int i = 0; i < p.length; i++) into.add(term(p[i], y[i]));
            return;
        }
        long mb = output.size(0);
        int c = (int) output.size(1);
        long steps = output.size(2);
        double[] p = output.dup('c').data().asDouble();
        double[] y = labels.dup('c').data().asDouble();
        double[] m = labelMask == null ? null : labelMask.dup('c').data().asDouble();
        double[] pt = new double[c];
        double[] yt = new double[c];
        for (int i = 0; i < mb; i++) {
            for (int t = 0; t < steps; t++) {
                if (m != null && m[(int) (i * steps + t)] == 0) continue;
                for (int k = 0; k < c; k++) {
                    int at = (int) ((i * c + k) * steps + t);
                    pt[k] = p[at];
                    yt[k] = y[at];
                }
                into.add(term(pt, yt));
            }
        }
    }

    /** The loss of one example (or one token): {@code p} the network's outputs, {@code y} the targets. */
    double term(double[] p, double[] y) {
        double s = 0;
        for (int k = 0; k < p.length; k++) {
            switch (this) {
                case BINARY_CROSSENTROPY -> {
                    double q = clip(p[k]);
                    s -= y[k] * Math.log(q) + (1 - y[k]) * Math.log(1 - q);
                }
                case CATEGORICAL_CROSSENTROPY -> s -= y[k] * Math.log(clip(p[k]));
                case MSE -> s += (p[k] - y[k]) * (p[k] - y[k]);
                case MAE -> s += Math.abs(p[k] - y[k]);
            }
        }
        return this == CATEGORICAL_CROSSENTROPY ? s : s / p.length;
    }

    private static double clip(double p) {
        return Math.min(1 - EPSILON, Math.max(EPSILON, p));
    }

    /** A running sum of loss terms and how many there were; merged across batches and partitions. */
    static final class Sum implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        double total;
        long terms;

        void add(double term) {
            total += term;
            terms++;
        }

        void merge(Sum other) {
            total += other.total;
            terms += other.terms;
        }

        double mean() {
            return terms == 0 ? Double.NaN : total / terms;
        }
    }
}
