package dev.seqtrain.model.gru;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The configuration survives DL4J's JSON and YAML and Java serialisation (what Spark ships to executors), and a
 * trained network survives ModelSerializer with identical output and updater state.
 */
class GRUSerializationTest {

    private static final int VOCAB = 20;
    private static final int STEPS = 9;

    /** Embedding → Bidirectional(GRU, non-default options) → LastTimeStep(GRU) → sigmoid, as the model builder makes. */
    private static MultiLayerConfiguration configuration() {
        return new NeuralNetConfiguration.Builder().seed(99).dataType(DataType.FLOAT).updater(new Adam(0.01)).list()
                .layer(new EmbeddingSequenceLayer.Builder().nIn(VOCAB).nOut(6).build())
                .layer(new Bidirectional(Bidirectional.Mode.CONCAT, new GRU.Builder().nIn(6).nOut(5).resetAfter(false)
                        .hasBias(false).activation(Activation.IDENTITY).gateActivationFunction(Activation.HARDSIGMOID)
                        .build()))
                .layer(new LastTimeStep(new GRU.Builder().nIn(10).nOut(4).build()))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).activation(Activation.SIGMOID)
                        .nIn(4).nOut(1).build())
                .build();
    }

    private static DataSet data(long seed) {
        INDArray ids = Nd4j.rand(seed, new long[] {8, 1, STEPS}).muli(VOCAB).castTo(DataType.INT32)
                .castTo(DataType.FLOAT);
        INDArray labels = Nd4j.rand(seed + 1, new long[] {8, 1}).gt(0.5).castTo(DataType.FLOAT);
        INDArray mask = Nd4j.ones(DataType.FLOAT, 8, STEPS);
        for (int ex = 0; ex < 8; ex++) {
            for (int t = 0; t < ex % 4; t++) {
                mask.putScalar(ex, t, 0); // pre-padding of 0 to 3 steps
            }
        }
        return new DataSet(ids, labels, mask, null);
    }

    @Test
    void jsonAndYamlRoundTrip() {
        MultiLayerConfiguration conf = configuration();
        String json = conf.toJson();
        assertTrue(json.contains("dev.seqtrain.model.gru.GRU"), json);
        assertTrue(json.contains("\"resetAfter\" : false"), json);

        MultiLayerConfiguration fromJson = MultiLayerConfiguration.fromJson(json);
        assertEquals(conf, fromJson);
        assertEquals(json, fromJson.toJson());
        assertEquals(conf, MultiLayerConfiguration.fromYaml(conf.toYaml()));

        GRU inner = (GRU) ((Bidirectional) fromJson.getConf(1).getLayer()).getFwd();
        assertEquals(false, inner.isResetAfter());
        assertEquals(false, inner.isHasBias());
        assertEquals(RNNFormat.NCW, inner.getRnnDataFormat());
        assertEquals(Activation.HARDSIGMOID.getActivationFunction(), inner.getGateActivationFn());
    }

    @Test
    void javaSerializationRoundTrip() throws IOException, ClassNotFoundException {
        MultiLayerConfiguration conf = configuration();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(conf);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            MultiLayerConfiguration copy = (MultiLayerConfiguration) in.readObject();
            assertNotSame(conf, copy);
            assertEquals(conf, copy);
        }
    }

    @Test
    void modelSerializerRoundTripGivesIdenticalOutputAndUpdaterState(@TempDir Path dir) throws IOException {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration());
        net.init();
        DataSet train = data(1);
        for (int i = 0; i < 3; i++) {
            net.fit(train);
        }
        File file = dir.resolve("gru.zip").toFile();
        ModelSerializer.writeModel(net, file, true);

        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);

        assertEquals(net.getLayerWiseConfigurations(), restored.getLayerWiseConfigurations());
        assertEquals(net.params(), restored.params());
        assertEquals(net.getUpdater().getStateViewArray(), restored.getUpdater().getStateViewArray());
        DataSet test = data(2);
        INDArray expected = net.output(test.getFeatures(), false, test.getFeaturesMaskArray(), null);
        assertEquals(expected, restored.output(test.getFeatures(), false, test.getFeaturesMaskArray(), null));

        // training goes on identically: the updater state came back too
        net.fit(train);
        restored.fit(train);
        assertEquals(net.params(), restored.params());
    }
}
