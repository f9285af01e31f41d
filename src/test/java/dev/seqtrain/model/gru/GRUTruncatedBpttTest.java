package dev.seqtrain.model.gru;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Truncated BPTT goes through the stored-state paths of the layer and agrees with full BPTT. */
class GRUTruncatedBpttTest {

    private static final int STEPS = 8;

    private static DataType savedDataType;

    @BeforeAll
    static void doublePrecision() {
        savedDataType = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @AfterAll
    static void restorePrecision() {
        Nd4j.setDefaultDataTypes(savedDataType, savedDataType);
    }

    private static MultiLayerNetwork network(int tbpttLength) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().seed(4)
                .dataType(DataType.DOUBLE).updater(new Sgd(0.1)).list()
                .layer(new GRU.Builder().nIn(3).nOut(6).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                        .nIn(6).nOut(2).dataFormat(RNNFormat.NCW).build());
        if (tbpttLength > 0) {
            list.backpropType(BackpropType.TruncatedBPTT).tBPTTForwardLength(tbpttLength)
                    .tBPTTBackwardLength(tbpttLength);
        }
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        return net;
    }

    /** Targets that depend on earlier inputs: a running sum. */
    private static DataSet data() {
        INDArray x = Nd4j.rand(new Random(5).nextLong(), new long[] {4, 3, STEPS}).subi(0.5);
        INDArray y = Nd4j.zeros(4, 2, STEPS);
        for (int t = 0; t < STEPS; t++) {
            INDArray sum = x.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(0, t + 1)).sum(2);
            y.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.point(t)).assign(sum.muli(0.5));
        }
        return new DataSet(x, y);
    }

    @Test
    void oneSegmentEqualsFullBptt() {
        MultiLayerNetwork full = network(0);
        MultiLayerNetwork truncated = network(STEPS);
        truncated.setParams(full.params().dup());
        DataSet data = data();

        full.fit(data);
        truncated.fit(data);

        double difference = full.params().sub(truncated.params()).amaxNumber().doubleValue();
        assertTrue(difference < 1e-12, "parameters differ by " + difference);
    }

    @Test
    void shortSegmentsCarryTheStateAndLearn() {
        MultiLayerNetwork net = network(3);
        DataSet data = data();
        net.fit(data);
        double first = net.score(data);
        for (int i = 0; i < 60; i++) {
            net.fit(data);
        }
        double last = net.score(data);
        assertTrue(last < 0.5 * first, "score " + first + " -> " + last);
    }
}
