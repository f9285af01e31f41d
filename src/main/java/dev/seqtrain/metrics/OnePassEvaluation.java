package dev.seqtrain.metrics;

import dev.seqtrain.model.Task;
import org.nd4j.evaluation.EvaluationAveraging;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.evaluation.classification.ROC;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The loss and every metric of a task, accumulated from the network's outputs batch by batch (one forward pass
 * feeds all of them) and merged across partitions. Classification counts go through DL4J's {@link Evaluation}
 * (confusion matrix, threshold 0.5 for a sigmoid column), a binary head's AUC through DL4J's exact {@link ROC}, a
 * regression's errors as exact sums ({@link RegressionMetrics}); the loss is Keras' ({@link KerasLoss}).
 */
public final class OnePassEvaluation implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Task task;
    private final KerasLoss loss;
    private final KerasLoss.Sum lossSum = new KerasLoss.Sum();
    private final Evaluation classes;
    private final ROC roc;
    private final RegressionMetrics regression;

    public OnePassEvaluation(Task task, KerasLoss loss) {
        this.task = task;
        this.loss = loss;
        boolean classified = task == Task.BINARY || task == Task.MULTICLASS || task == Task.TAGGING
                || task == Task.SEQ2SEQ;
        this.classes = classified ? new Evaluation() : null;
        // thresholdSteps 0: exact AUC, as the evaluation before this one computed it
        this.roc = task == Task.BINARY ? new ROC() : null;
        this.regression = task == Task.REGRESSION ? new RegressionMetrics() : null;
    }

    /**
     * One batch: {@code output} is what the network returned for it ({@code [mb, C]}, or {@code [mb, C, T]} for a
     * tagger with {@code labelMask} {@code [mb, T]}, null for every step).
     */
    public void add(INDArray output, INDArray labels, INDArray labelMask) {
        loss.accumulate(output, labels, labelMask, lossSum);
        if (classes != null) classes.eval(labels, output, labelMask);
        if (roc != null) roc.eval(labels, output);
        if (regression != null) regression.add(output, labels);
    }

    /** This and {@code other} together (either may be returned; neither is used afterwards). */
    public OnePassEvaluation merge(OnePassEvaluation other) {
        if (other.lossSum.terms == 0) return this;  // a partition without rows
        if (lossSum.terms == 0) return other;
        lossSum.merge(other.lossSum);
        if (classes != null) classes.merge(other.classes);
        if (roc != null) roc.merge(other.roc);
        if (regression != null) regression.merge(other.regression);
        return this;
    }

    /** Loss terms seen: examples, or real tokens for a tagger. */
    public long lossTerms() {
        return lossSum.terms;
    }

    /**
     * As named in history.json/metrics.json: {@code loss}, then per task {@code accuracy, precision, recall, f1, auc}
     * (binary), {@code accuracy, macro_f1} (multi-class), {@code accuracy} per token (tagging), {@code mse, mae, r2}
     * (regression).
     */
    public Map<String, Double> metrics() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("loss", lossSum.mean());
        switch (task) {
            case BINARY -> {
                m.put("accuracy", classes.accuracy());
                m.put("precision", classes.precision(1));
                m.put("recall", classes.recall(1));
                m.put("f1", classes.f1(1));
                m.put("auc", roc.calculateAUC());
            }
            case MULTICLASS -> {
                m.put("accuracy", classes.accuracy());
                m.put("macro_f1", classes.f1(EvaluationAveraging.Macro));
            }
            // per token: per tag, or per decoder step under teacher forcing
            case TAGGING, SEQ2SEQ -> m.put("accuracy", classes.accuracy());
            case REGRESSION -> m.putAll(regression.metrics());
            default -> { }
        }
        return m;
    }

    /** The confusion matrix and per-class metrics under {@code labels}; empty for a regression. */
    public Optional<ClassificationReport> report(List<String> labels) {
        // a decoder's classes are the target vocabulary: no confusion matrix
        return classes == null || task == Task.SEQ2SEQ ? Optional.empty()
                : Optional.of(Evaluator.report(classes, labels));
    }
}
