package dev.seqtrain.model.gru;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A task that needs order: each sequence holds one marker A and one marker B among noise tokens, the label says
 * whether A comes first. A bag-of-tokens model is at chance (50%); a GRU learns it. Sequences have different
 * lengths, pre-padded with a mask as Keras pads, and training runs in float.
 */
class GRULearningTest {

    private static final int PAD = 0;
    private static final int A = 1;
    private static final int B = 2;
    private static final int VOCAB = 12;
    private static final int MAXLEN = 14;

    /** Pre-padded id sequences [n, MAXLEN], their mask, one-hot labels (column 1 = A before B). */
    private static DataSet examples(int n, Random random) {
        INDArray ids = Nd4j.zeros(DataType.FLOAT, n, MAXLEN);
        INDArray mask = Nd4j.zeros(DataType.FLOAT, n, MAXLEN);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, n, 2);
        for (int ex = 0; ex < n; ex++) {
            int length = 5 + random.nextInt(MAXLEN - 4);
            int start = MAXLEN - length;
            int posA = random.nextInt(length);
            int posB = random.nextInt(length - 1);
            if (posB >= posA) {
                posB++;
            }
            for (int t = 0; t < length; t++) {
                int token = t == posA ? A : t == posB ? B : 3 + random.nextInt(VOCAB - 3);
                ids.putScalar(ex, start + t, token);
                mask.putScalar(ex, start + t, 1);
            }
            labels.putScalar(ex, posA < posB ? 1 : 0, 1);
        }
        return new DataSet(ids, labels, mask, null);
    }

    private static MultiLayerNetwork network(boolean resetAfter) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(12).dataType(DataType.FLOAT)
                .updater(new Adam(0.01)).list()
                .layer(new EmbeddingSequenceLayer.Builder().nIn(VOCAB).nOut(8).build())
                .layer(new LastTimeStep(new GRU.Builder().nIn(8).nOut(16).resetAfter(resetAfter).build()))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .nIn(16).nOut(2).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    @ParameterizedTest(name = "reset_after={0}")
    @CsvSource({"true", "false"})
    void learnsWhichMarkerComesFirst(boolean resetAfter) {
        Random random = new Random(2024);
        List<DataSet> batches = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            batches.add(examples(50, random));
        }
        DataSet test = examples(500, random);
        MultiLayerNetwork net = network(resetAfter);
        double before = accuracy(net, test);

        for (int epoch = 0; epoch < 5; epoch++) {
            for (DataSet batch : batches) {
                net.fit(batch);
            }
        }
        double after = accuracy(net, test);

        assertTrue(before < 0.65, "untrained accuracy " + before);
        assertTrue(after > 0.9, "accuracy after training " + after + " (before: " + before + ")");
    }

    private static double accuracy(MultiLayerNetwork net, DataSet test) {
        INDArray out = net.output(test.getFeatures(), false, test.getFeaturesMaskArray(), null);
        Evaluation evaluation = new Evaluation(2);
        evaluation.eval(test.getLabels(), out);
        return evaluation.accuracy();
    }
}
