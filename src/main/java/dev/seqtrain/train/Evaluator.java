package dev.seqtrain.train;

import dev.seqtrain.model.Task;
import org.apache.spark.api.java.JavaRDD;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.nd4j.evaluation.IEvaluation;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.evaluation.classification.ROC;
import org.nd4j.linalg.dataset.DataSet;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Validation metrics computed on executors with DL4J's distributed evaluation; the driver merges the results. */
public final class Evaluator {
    private Evaluator() {
    }

    /** Metrics as named in history.json/metrics.json: loss, accuracy, and per task precision/recall/f1/auc. */
    public static Map<String, Double> evaluate(SparkDl4jMultiLayer net, JavaRDD<DataSet> data, Task task, int batchSize) {
        return evaluate(net, data, task, batchSize, e -> { });
    }

    /**
     * As {@link #evaluate(SparkDl4jMultiLayer, JavaRDD, Task, int)}; a classification task (binary, multi-class,
     * tagging) also hands its merged DL4J evaluation to {@code classified}, e.g. for {@link #report}.
     */
    public static Map<String, Double> evaluate(SparkDl4jMultiLayer net, JavaRDD<DataSet> data, Task task, int batchSize,
                                               Consumer<Evaluation> classified) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("loss", net.calculateScore(data, true, batchSize));
        if (task == Task.BINARY) {
            IEvaluation[] r = net.doEvaluation(data, batchSize, new Evaluation(), new ROC());
            Evaluation e = (Evaluation) r[0];
            classified.accept(e);
            m.put("accuracy", e.accuracy());
            m.put("precision", e.precision(1));
            m.put("recall", e.recall(1));
            m.put("f1", e.f1(1));
            m.put("auc", ((ROC) r[1]).calculateAUC());
        } else if (task == Task.MULTICLASS) {
            Evaluation e = net.doEvaluation(data, batchSize, new Evaluation())[0];
            classified.accept(e);
            m.put("accuracy", e.accuracy());
            m.put("macro_f1", e.f1(org.nd4j.evaluation.EvaluationAveraging.Macro));
        } else if (task == Task.TAGGING) {
            // per token: DL4J's Evaluation reads [mb, C, T] with the label mask, so padding is not counted
            Evaluation e = net.doEvaluation(data, batchSize, new Evaluation())[0];
            classified.accept(e);
            m.put("accuracy", e.accuracy());
        } else if (task == Task.REGRESSION) {
            m.putAll(RegressionMetrics.evaluate(net, data, batchSize));
        }
        return m;
    }

    /**
     * The confusion matrix and per-class metrics of a classification model on {@code data}, in one evaluation pass
     * (no loss); empty for a task without classes (regression). The model directory's final metrics.json gets it.
     */
    public static Optional<ClassificationReport> confusion(SparkDl4jMultiLayer net, JavaRDD<DataSet> data, Task task,
                                                           int batchSize, List<String> labels) {
        if (task != Task.BINARY && task != Task.MULTICLASS && task != Task.TAGGING) return Optional.empty();
        return Optional.of(report(net.doEvaluation(data, batchSize, new Evaluation())[0], labels));
    }

    /**
     * DL4J's confusion counts under the model's label names. A binary head's single sigmoid column is read by DL4J
     * as two classes (threshold 0.5): {@code labels[0]} and {@code labels[1]}.
     */
    public static ClassificationReport report(Evaluation e, List<String> labels) {
        int n = labels.size();
        long[][] counts = new long[n][n];
        org.nd4j.evaluation.classification.ConfusionMatrix<Integer> cm = e.getConfusionMatrix();
        if (cm != null) {
            for (int a = 0; a < n; a++) {
                for (int p = 0; p < n; p++) counts[a][p] = cm.getCount(a, p);
            }
        }
        return new ClassificationReport(labels, counts);
    }
}
