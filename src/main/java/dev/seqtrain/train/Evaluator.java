package dev.seqtrain.train;

import dev.seqtrain.model.Task;
import org.apache.spark.api.java.JavaRDD;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.nd4j.evaluation.IEvaluation;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.evaluation.classification.ROC;
import org.nd4j.linalg.dataset.DataSet;

import java.util.LinkedHashMap;
import java.util.Map;

/** Validation metrics computed on executors with DL4J's distributed evaluation; the driver merges the results. */
public final class Evaluator {
    private Evaluator() {
    }

    /** Metrics as named in history.json/metrics.json: loss, accuracy, and per task precision/recall/f1/auc. */
    public static Map<String, Double> evaluate(SparkDl4jMultiLayer net, JavaRDD<DataSet> data, Task task, int batchSize) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("loss", net.calculateScore(data, true, batchSize));
        if (task == Task.BINARY) {
            IEvaluation[] r = net.doEvaluation(data, batchSize, new Evaluation(), new ROC());
            Evaluation e = (Evaluation) r[0];
            m.put("accuracy", e.accuracy());
            m.put("precision", e.precision(1));
            m.put("recall", e.recall(1));
            m.put("f1", e.f1(1));
            m.put("auc", ((ROC) r[1]).calculateAUC());
        } else if (task == Task.MULTICLASS) {
            Evaluation e = net.doEvaluation(data, batchSize, new Evaluation())[0];
            m.put("accuracy", e.accuracy());
            m.put("macro_f1", e.f1(org.nd4j.evaluation.EvaluationAveraging.Macro));
        } else if (task == Task.TAGGING) {
            // per token: DL4J's Evaluation reads [mb, C, T] with the label mask, so padding is not counted
            Evaluation e = net.doEvaluation(data, batchSize, new Evaluation())[0];
            m.put("accuracy", e.accuracy());
        } else if (task == Task.REGRESSION) {
            m.putAll(RegressionMetrics.evaluate(net, data, batchSize));
        }
        return m;
    }
}
