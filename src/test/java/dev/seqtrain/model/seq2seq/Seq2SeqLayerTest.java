package dev.seqtrain.model.seq2seq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seqtrain.model.rnn.CellType;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The encoder-decoder as a DL4J layer: gradients through DL4J and configuration JSON (learning: Seq2SeqPredictorTest). */
class Seq2SeqLayerTest {

    static MultiLayerConfiguration configuration(Seq2SeqShape shape, IUpdater updater, DataType type, long seed) {
        return new NeuralNetConfiguration.Builder().seed(seed).dataType(type).updater(updater).list()
                .layer(new Seq2Seq.Builder(shape, ReversalTask.SOURCE_STEPS).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .dataFormat(RNNFormat.NCW).nIn(shape.outputWidth())
                        .nOut(ReversalTask.TARGET.outputClasses()).build())
                .build();
    }

    static Seq2SeqShape shape(CellType cell, int units, StateMerge merge, boolean attention) {
        return shape(cell, 8, units, merge, attention);
    }

    static Seq2SeqShape shape(CellType cell, int embedding, int units, StateMerge merge, boolean attention) {
        return shape(cell, embedding, units, merge, attention ? Seq2SeqAttention.LUONG : Seq2SeqAttention.NONE);
    }

    static Seq2SeqShape shape(CellType cell, int embedding, int units, StateMerge merge, Seq2SeqAttention attention) {
        return new Seq2SeqShape(cell, ReversalTask.SOURCE_VOCABULARY, embedding,
                ReversalTask.TARGET.inputVocabularySize(), embedding, units, 1, merge, attention);
    }

    @Test
    void gradientsThroughDl4jMatchFiniteDifferences() {
        DataType previous = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            for (Seq2SeqShape shape : new Seq2SeqShape[] {
                    shape(CellType.LSTM, 2, 3, null, false), shape(CellType.GRU, 2, 2, StateMerge.CONCAT, true),
                    shape(CellType.LSTM, 2, 2, StateMerge.CONCAT, Seq2SeqAttention.BAHDANAU)}) {
                MultiLayerNetwork net = new MultiLayerNetwork(configuration(shape, new Sgd(1.0), DataType.DOUBLE, 1));
                net.init();
                DataSet batch = ReversalTask.batch(ReversalTask.sources(3, 5), DataType.DOUBLE);
                boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net)
                        .input(batch.getFeatures()).labels(batch.getLabels())
                        .inputMask(batch.getFeaturesMaskArray()).labelMask(batch.getLabelsMaskArray())
                        .epsilon(1e-6).maxRelError(1e-3).minAbsoluteError(1e-8));
                assertTrue(ok, "gradient check failed for " + shape);
            }
        } finally {
            Nd4j.setDefaultDataTypes(previous, previous);
        }
    }

    @Test
    void configurationSurvivesJson() {
        MultiLayerConfiguration conf = configuration(shape(CellType.GRU, 16, StateMerge.SUM, true), new Adam(1e-3),
                DataType.FLOAT, 3);
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
        assertEquals(conf, back);
        MultiLayerNetwork net = new MultiLayerNetwork(back);
        net.init();
        assertEquals(Seq2SeqParamInitializer.count(shape(CellType.GRU, 16, StateMerge.SUM, true))
                + 16L * ReversalTask.TARGET.outputClasses() + ReversalTask.TARGET.outputClasses(), net.numParams());
    }

    @Test
    void bahdanauConfigurationSurvivesJsonWithItsParametersCounted() {
        Seq2SeqShape shape = shape(CellType.LSTM, 8, 16, StateMerge.CONCAT, Seq2SeqAttention.BAHDANAU);
        MultiLayerConfiguration conf = configuration(shape, new Adam(1e-3), DataType.FLOAT, 3);
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
        assertEquals(conf, back);
        assertEquals(Seq2SeqAttention.BAHDANAU, ((Seq2Seq) back.getConf(0).getLayer()).shape().attention());
        MultiLayerNetwork net = new MultiLayerNetwork(back);
        net.init();
        // by hand: encoder width e = decoder units d = 32; W1 e x d, W2 d x d, b d, v d, Wc (e + d) x d
        long d = 32;
        long attention = d * d + d * d + d + d + 2 * d * d;
        long withoutAttention = Seq2SeqParamInitializer.count(shape(CellType.LSTM, 8, 16, StateMerge.CONCAT, false));
        assertEquals(withoutAttention + attention + d * ReversalTask.TARGET.outputClasses()
                + ReversalTask.TARGET.outputClasses(), net.numParams());
    }

    @Test
    void aConfigurationWrittenBeforeTheAttentionTypeReadsAsLuong() {
        MultiLayerConfiguration conf = configuration(shape(CellType.GRU, 16, StateMerge.SUM, true), new Adam(1e-3),
                DataType.FLOAT, 3);
        String json = conf.toJson();
        String old = json.replaceAll("\\s*\"attentionType\"\\s*:\\s*\"LUONG\"\\s*,?", "");
        assertTrue(json.contains("attentionType") && !old.contains("attentionType"), "the field was not removed");
        Seq2Seq layer = (Seq2Seq) MultiLayerConfiguration.fromJson(old).getConf(0).getLayer();
        assertEquals(Seq2SeqAttention.LUONG, layer.shape().attention());
    }
}
