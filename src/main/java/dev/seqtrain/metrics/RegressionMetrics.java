package dev.seqtrain.metrics;

import org.nd4j.evaluation.regression.RegressionEvaluation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The metrics of a regression head (one target per sequence) from DL4J's {@link RegressionEvaluation}:
 * {@code mse} and {@code mae} (Keras' names, monitored as {@code val_mse}/{@code val_mae}) and {@code r2}
 * (1 - squared error / the targets' variance: 0 for predicting the mean, 1 for perfect).
 */
final class RegressionMetrics {
    private RegressionMetrics() {
    }

    static Map<String, Double> of(RegressionEvaluation e) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("mse", e.meanSquaredError(0));
        m.put("mae", e.meanAbsoluteError(0));
        m.put("r2", e.rSquared(0));
        return m;
    }
}
