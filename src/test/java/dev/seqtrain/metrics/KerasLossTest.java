package dev.seqtrain.metrics;

import dev.seqtrain.model.Task;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Losses in Keras' units and a hand-computed AUC, on batches small enough to check by hand. */
class KerasLossTest {

    private static Map<String, Double> evaluate(Task task, KerasLoss loss, INDArray out, INDArray labels, INDArray mask) {
        OnePassEvaluation e = new OnePassEvaluation(task, loss);
        e.add(out, labels, mask);
        return e.metrics();
    }

    @Test
    void binaryCrossEntropyIsTheMeanPerExampleAndDl4jsScore() {
        INDArray y = Nd4j.create(new double[][]{{1}, {0}, {1}, {0}});
        INDArray p = Nd4j.create(new double[][]{{0.9}, {0.4}, {0.35}, {0.2}});
        double hand = -(Math.log(0.9) + Math.log(0.6) + Math.log(0.35) + Math.log(0.8)) / 4;
        double loss = evaluate(Task.BINARY, KerasLoss.BINARY_CROSSENTROPY, p, y, null).get("loss");
        assertEquals(hand, loss, 1e-12);
        // DL4J's XENT on an identity activation is the same number: its mean score per example
        assertEquals(new LossBinaryXENT().computeScore(y, p, new ActivationIdentity(), null, true), loss, 1e-6);
    }

    @Test
    void binaryProbabilitiesAreClippedAsKerasDoes() {
        INDArray y = Nd4j.create(new double[][]{{1}});
        INDArray p = Nd4j.create(new double[][]{{0}});
        assertEquals(-Math.log(1e-7), evaluate(Task.BINARY, KerasLoss.BINARY_CROSSENTROPY, p, y, null).get("loss"), 1e-9);
    }

    @Test
    void categoricalCrossEntropySumsTheClassesAndAveragesExamples() {
        INDArray y = Nd4j.create(new double[][]{{0, 1, 0}, {1, 0, 0}});
        INDArray p = Nd4j.create(new double[][]{{0.2, 0.7, 0.1}, {0.5, 0.25, 0.25}});
        double hand = -(Math.log(0.7) + Math.log(0.5)) / 2;
        double loss = evaluate(Task.MULTICLASS, KerasLoss.CATEGORICAL_CROSSENTROPY, p, y, null).get("loss");
        assertEquals(hand, loss, 1e-12);
        assertEquals(new LossMCXENT().computeScore(y, p, new ActivationIdentity(), null, true), loss, 1e-6);
    }

    @Test
    void taggerLossIsTheMeanPerRealTokenNotPerSentenceSum() {
        // [mb=2, C=2, T=3]: sentence 0 has 3 real tokens, sentence 1 has 1 (then padding, whose outputs are junk)
        INDArray y = Nd4j.create(new double[]{1, 0, 1, 0, 1, 0, 0, 1, 1, 1, 0, 0}, new long[]{2, 2, 3}, 'c');
        INDArray p = Nd4j.create(new double[]{0.8, 0.3, 0.6, 0.2, 0.7, 0.4, 0.1, 0.5, 0.5, 0.9, 0.5, 0.5},
                new long[]{2, 2, 3}, 'c');
        INDArray mask = Nd4j.create(new double[][]{{1, 1, 1}, {1, 0, 0}});
        // true class probabilities of the 4 real tokens: 0.8, 0.7, 0.6 and 0.9
        double hand = -(Math.log(0.8) + Math.log(0.7) + Math.log(0.6) + Math.log(0.9)) / 4;
        OnePassEvaluation e = new OnePassEvaluation(Task.TAGGING, KerasLoss.CATEGORICAL_CROSSENTROPY);
        e.add(p, y, mask);
        assertEquals(hand, e.metrics().get("loss"), 1e-12);
        assertEquals(4, e.lossTerms());
        assertEquals(1.0, e.metrics().get("accuracy"), 1e-12);
    }

    @Test
    void regressionLossesAreMeanSquaredAndAbsoluteErrors() {
        INDArray y = Nd4j.create(new double[][]{{1}, {2}, {4}});
        INDArray p = Nd4j.create(new double[][]{{1.5}, {2}, {3}});
        Map<String, Double> mse = evaluate(Task.REGRESSION, KerasLoss.MSE, p, y, null);
        assertEquals((0.25 + 0 + 1) / 3, mse.get("loss"), 1e-12);
        assertEquals(mse.get("mse"), mse.get("loss"), 1e-9);
        assertEquals(1.5 / 3, mse.get("mae"), 1e-9);
        double mean = 7.0 / 3;
        double variance = (Math.pow(1 - mean, 2) + Math.pow(2 - mean, 2) + Math.pow(4 - mean, 2));
        assertEquals(1 - 1.25 / variance, mse.get("r2"), 1e-9);
        assertEquals(1.5 / 3, evaluate(Task.REGRESSION, KerasLoss.MAE, p, y, null).get("loss"), 1e-12);
    }

    @Test
    void aucIsTheShareOfCorrectlyOrderedPositiveNegativePairs() {
        // positives 0.9, 0.35, 0.7; negatives 0.4, 0.2: 5 of the 6 pairs rank the positive higher
        INDArray y = Nd4j.create(new double[][]{{1}, {0}, {1}, {0}, {1}});
        INDArray p = Nd4j.create(new double[][]{{0.9}, {0.4}, {0.35}, {0.2}, {0.7}});
        assertEquals(5.0 / 6, evaluate(Task.BINARY, KerasLoss.BINARY_CROSSENTROPY, p, y, null).get("auc"), 1e-12);
    }

    @Test
    void mergedPartsGiveTheMetricsOfTheWhole() {
        INDArray y = Nd4j.create(new double[][]{{1}, {0}, {1}, {0}, {1}});
        INDArray p = Nd4j.create(new double[][]{{0.9}, {0.4}, {0.35}, {0.2}, {0.7}});
        OnePassEvaluation whole = new OnePassEvaluation(Task.BINARY, KerasLoss.BINARY_CROSSENTROPY);
        whole.add(p, y, null);
        OnePassEvaluation a = new OnePassEvaluation(Task.BINARY, KerasLoss.BINARY_CROSSENTROPY);
        a.add(p.getRows(0, 1), y.getRows(0, 1), null);
        OnePassEvaluation b = new OnePassEvaluation(Task.BINARY, KerasLoss.BINARY_CROSSENTROPY);
        b.add(p.getRows(2, 3, 4), y.getRows(2, 3, 4), null);
        OnePassEvaluation empty = new OnePassEvaluation(Task.BINARY, KerasLoss.BINARY_CROSSENTROPY);
        Map<String, Double> merged = empty.merge(a).merge(b).metrics();
        whole.metrics().forEach((k, v) -> assertEquals(v, merged.get(k), 1e-12, k));
    }
}
