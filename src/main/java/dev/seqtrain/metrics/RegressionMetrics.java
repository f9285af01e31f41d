package dev.seqtrain.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The metrics of a regression head (one target per sequence): {@code mse} and {@code mae} (Keras' names, monitored
 * as {@code val_mse}/{@code val_mae}) and {@code r2} (1 - squared error / the targets' variance: 0 for predicting the
 * mean, 1 for perfect). Kept as plain sums, so partitions merge exactly whatever their sizes.
 */
final class RegressionMetrics implements Serializable {
    private static final long serialVersionUID = 1L;

    private long n;
    private double sumTarget;
    private double sumTargetSquared;
    private double squaredError;
    private double absoluteError;

    /** {@code output} and {@code targets}: {@code [mb, 1]}. */
    void add(INDArray output, INDArray targets) {
        double[] p = output.dup('c').data().asDouble();
        double[] y = targets.dup('c').data().asDouble();
        for (int i = 0; i < p.length; i++) {
            double e = p[i] - y[i];
            n++;
            sumTarget += y[i];
            sumTargetSquared += y[i] * y[i];
            squaredError += e * e;
            absoluteError += Math.abs(e);
        }
    }

    void merge(RegressionMetrics other) {
        n += other.n;
        sumTarget += other.sumTarget;
        sumTargetSquared += other.sumTargetSquared;
        squaredError += other.squaredError;
        absoluteError += other.absoluteError;
    }

    Map<String, Double> metrics() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("mse", squaredError / n);
        m.put("mae", absoluteError / n);
        double deviations = sumTargetSquared - sumTarget * sumTarget / n;
        m.put("r2", 1 - squaredError / deviations);
        return m;
    }
}
