package dev.seqtrain.model;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The built networks learn, with plain DL4J {@code fit} on batches laid out as {@link ModelPlan} documents
 * (pre-padded ids, feature masks, one-hot labels, label masks for tagging). Each task needs memory: the answer
 * depends on a marker token somewhere in a sentence of random length.
 */
class TrainingTest {

    private static final int VOCABULARY = 12;
    private static final int T = 10;
    private static final int BATCH = 32;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "simple_rnn, BINARY", "lstm, BINARY",
            "simple_rnn, MULTICLASS", "lstm, MULTICLASS",
            "simple_rnn, TAGGING", "lstm, TAGGING",
            "gru, BINARY", "gru, MULTICLASS", "gru, TAGGING",
            "bidirectional lstm, BINARY", "bidirectional simple_rnn, TAGGING", "bidirectional gru, BINARY",
    })
    void learns(String cell, Task task) {
        boolean bidirectional = cell.startsWith("bidirectional ");
        String recurrent = "- " + cell.replace("bidirectional ", "") + ": {units: 16"
                + (task == Task.TAGGING ? ", return_sequences: true" : "")
                + (bidirectional ? ", bidirectional: true}" : "}");
        String head = task == Task.BINARY ? "- dense: {units: 1, activation: sigmoid}"
                : "- dense: {units: 3, activation: softmax}";
        ModelPlan plan = ModelPlan.of(TestSpecs.model("""
                  layers:
                    - embedding: {output_dim: 8, mask_zero: true}
                    %s
                    %s
                  optimizer: {name: adam, learning_rate: 0.02}
                """.formatted(recurrent, head)), new ModelInput(VOCABULARY, null, task == Task.BINARY ? 2 : 3));
        assertTrue(plan.task() == task, plan.task().toString());
        MultiLayerNetwork net = plan.newNetwork(42);
        List<DataSet> train = batches(task, 384, new Random(1));
        DataSet test = DataSet.merge(batches(task, 256, new Random(2)));

        double lossBefore = net.score(test, false);
        double chance = accuracy(net, test, task);
        for (int epoch = 0; epoch < 5; epoch++) {
            for (DataSet batch : train) net.fit(batch);
        }
        double lossAfter = net.score(test, false);
        double accuracy = accuracy(net, test, task);
        String report = cell + " " + task + ": loss " + lossBefore + " -> " + lossAfter + ", accuracy "
                + chance + " -> " + accuracy;
        System.out.println(report);
        assertTrue(lossAfter < 0.5 * lossBefore, report);
        assertTrue(accuracy > 0.85, report);
    }

    // -----------------------------------------------------------------------------------------------------------

    /** Sentences of 3..T tokens, pre-padded to T, with a marker token that decides the label(s). */
    private static List<DataSet> batches(Task task, int n, Random random) {
        List<DataSet> out = new ArrayList<>();
        for (int start = 0; start < n; start += BATCH) {
            int mb = Math.min(BATCH, n - start);
            float[][] ids = new float[mb][T];
            float[][] mask = new float[mb][T];
            INDArray labels = task == Task.BINARY ? Nd4j.zeros(mb, 1)
                    : task == Task.MULTICLASS ? Nd4j.zeros(mb, 3) : Nd4j.zeros(mb, 3, T);
            for (int s = 0; s < mb; s++) {
                int length = 3 + random.nextInt(T - 2);
                int offset = T - length;
                int markerAt = random.nextInt(length);
                int marker = switch (task) {
                    case BINARY -> random.nextBoolean() ? 1 : 0;       // 0: no marker in this sentence
                    case MULTICLASS -> 1 + random.nextInt(3);
                    default -> 1;
                };
                for (int t = 0; t < length; t++) {
                    ids[s][offset + t] = t == markerAt && marker > 0 ? marker : 4 + random.nextInt(VOCABULARY - 4);
                    mask[s][offset + t] = 1;
                }
                switch (task) {
                    case BINARY -> labels.putScalar(s, 0, marker);
                    case MULTICLASS -> labels.putScalar(s, marker - 1, 1);
                    default -> {
                        // tag 0 before the marker, 1 on it, 2 after it
                        for (int t = 0; t < length; t++) {
                            labels.putScalar(new int[]{s, t < markerAt ? 0 : t == markerAt ? 1 : 2, offset + t}, 1);
                        }
                    }
                }
            }
            INDArray features = Nd4j.createFromArray(ids);
            INDArray featureMask = Nd4j.createFromArray(mask);
            out.add(new DataSet(features, labels, featureMask, task == Task.TAGGING ? featureMask : null));
        }
        return out;
    }

    /** Accuracy over sentences, or over real tokens for tagging. */
    private static double accuracy(MultiLayerNetwork net, DataSet data, Task task) {
        INDArray out = net.output(data.getFeatures(), false, data.getFeaturesMaskArray(), data.getLabelsMaskArray());
        INDArray labels = data.getLabels();
        if (task == Task.BINARY) {
            INDArray predicted = out.gt(0.5).castTo(labels.dataType());
            return predicted.eq(labels).castTo(labels.dataType()).meanNumber().doubleValue();
        }
        if (task == Task.MULTICLASS) {
            return out.argMax(1).eq(labels.argMax(1)).castTo(labels.dataType()).meanNumber().doubleValue();
        }
        INDArray mask = data.getLabelsMaskArray();
        INDArray hits = out.argMax(1).eq(labels.argMax(1)).castTo(mask.dataType()).mul(mask);
        return hits.sumNumber().doubleValue() / mask.sumNumber().doubleValue();
    }
}
