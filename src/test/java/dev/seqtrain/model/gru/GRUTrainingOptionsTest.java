package dev.seqtrain.model.gru;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.constraint.MaxNormConstraint;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.conf.weightnoise.DropConnect;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** DL4J's generic layer options work on the GRU: dropout, weight noise, L2, constraints, the memory report. */
class GRUTrainingOptionsTest {

    private static MultiLayerNetwork network(GRU gru) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(6).dataType(DataType.FLOAT)
                .updater(new Adam(0.05)).l2(1e-3).list()
                .layer(new LastTimeStep(gru))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).activation(Activation.SIGMOID)
                        .nIn(6).nOut(1).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static DataSet data() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, 4, 7);
        INDArray y = x.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                org.nd4j.linalg.indexing.NDArrayIndex.point(0)).gt(0.5).castTo(DataType.FLOAT).reshape(16, 1);
        return new DataSet(x, y);
    }

    @Test
    void dropoutWeightNoiseAndRegularisationTrain() {
        GRU gru = new GRU.Builder().nIn(4).nOut(6).dropOut(0.8).weightNoise(new DropConnect(0.9)).build();
        MultiLayerNetwork net = network(gru);
        DataSet data = data();
        INDArray before = net.params().dup();
        double first = net.score(data);
        for (int i = 0; i < 30; i++) {
            net.fit(data);
        }
        assertNotEquals(before, net.params());
        assertTrue(net.score(data) < first, "score " + first + " -> " + net.score(data));
        // inference is deterministic: no dropout, no weight noise
        assertEquals(net.output(data.getFeatures()), net.output(data.getFeatures()));
    }

    @Test
    void constraintsApplyToTheirParameters() {
        GRU gru = new GRU.Builder().nIn(4).nOut(6).constrainRecurrent(new MaxNormConstraint(0.5, 1))
                .constrainInputWeights(new MaxNormConstraint(0.3, 1)).build();
        assertEquals(2, gru.getConstraints().size());
        MultiLayerNetwork net = network(gru);
        DataSet data = data();
        for (int i = 0; i < 5; i++) {
            net.fit(data);
        }
        INDArray recurrent = net.getLayer(0).getParam(GRUParamInitializer.RECURRENT_WEIGHT_KEY);
        INDArray kernel = net.getLayer(0).getParam(GRUParamInitializer.WEIGHT_KEY);
        assertTrue(recurrent.norm2(1).maxNumber().doubleValue() <= 0.5 + 1e-5);
        assertTrue(kernel.norm2(1).maxNumber().doubleValue() <= 0.3 + 1e-5);
    }

    @Test
    void memoryReport() {
        GRU gru = new GRU.Builder().nIn(100).nOut(64).build();
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().updater(new Adam()).list()
                .layer(new LastTimeStep(gru))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).activation(Activation.SIGMOID)
                        .nIn(64).nOut(1).build())
                .build();
        MemoryReport report = conf.getMemoryReport(InputType.recurrent(100, 80));
        assertNotNull(report);
        assertTrue(report.getTotalMemoryBytes(128, org.deeplearning4j.nn.conf.memory.MemoryUseMode.TRAINING,
                org.deeplearning4j.nn.conf.CacheMode.NONE, DataType.FLOAT) > 31872L * 4);
    }
}
