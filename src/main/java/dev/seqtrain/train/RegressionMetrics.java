package dev.seqtrain.train;

import org.apache.spark.api.java.JavaRDD;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.nd4j.evaluation.regression.RegressionEvaluation;
import org.nd4j.linalg.dataset.DataSet;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The metrics of a regression head (one target per sequence), with DL4J's distributed {@link RegressionEvaluation}:
 * {@code mse} and {@code mae} (Keras' names, monitored as {@code val_mse}/{@code val_mae}) and {@code r2}
 * (1 - squared error / the targets' variance: 0 for predicting the mean, 1 for perfect).
 */
final class RegressionMetrics {
    private RegressionMetrics() {
    }

    static Map<String, Double> evaluate(SparkDl4jMultiLayer net, JavaRDD<DataSet> data, int batchSize) {
        RegressionEvaluation e = net.doEvaluation(data, batchSize, new RegressionEvaluation())[0];
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("mse", e.meanSquaredError(0));
        m.put("mae", e.meanAbsoluteError(0));
        m.put("r2", e.rSquared(0));
        return m;
    }
}
