package dev.seqtrain.model.embedding;

import dev.seqtrain.model.rnn.CellType;
import dev.seqtrain.model.rnn.Recurrent;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * seqtrain's embedding layer against independent oracles: the gathered vectors are the table's rows read one by one,
 * the table's gradient is the dense one-hot(ids)ᵀ · dOut computed with a plain ND4J product, DL4J's own
 * {@code EmbeddingSequenceLayer} gives the same outputs and gradients, and a numerical gradient check (double) through
 * the recurrent engine, with a mask and repeated ids.
 */
class EmbeddingLayerTest {

    private static final int VOCAB = 7;
    private static final int DIM = 4;
    /** Repeated ids within and across examples; pre- and post-padding. */
    private static final double[][] IDS = {{0, 0, 3, 5, 3}, {1, 3, 6, 6, 2}, {4, 2, 0, 0, 0}};
    private static final double[][] MASK = {{0, 0, 1, 1, 1}, {1, 1, 1, 1, 1}, {1, 1, 0, 0, 0}};

    private DataType previousDefault;
    private DataType previousFloatDefault;

    /** GradientCheckUtil insists on double as ND4J's default type; the JVM is shared with other tests. */
    @BeforeEach
    void useDoublePrecision() {
        previousDefault = Nd4j.dataType();
        previousFloatDefault = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @AfterEach
    void restorePrecision() {
        Nd4j.setDefaultDataTypes(previousDefault, previousFloatDefault);
    }

    @Test
    void vectorsAreTheTableRowsAndMaskedStepsAreZero() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            Layer layer = layer(embeddingNet(type), type);
            INDArray table = layer.getParam("W");
            layer.setMaskArray(mask(type));
            INDArray out = layer.activate(false, LayerWorkspaceMgr.noWorkspaces());
            assertEquals(java.util.List.of(3L, (long) DIM, 5L), java.util.List.of(out.size(0), out.size(1), out.size(2)));
            for (int b = 0; b < 3; b++) {
                for (int t = 0; t < 5; t++) {
                    INDArray expected = MASK[b][t] == 0 ? Nd4j.zeros(type, DIM) : table.getRow((long) IDS[b][t]);
                    INDArray got = out.get(NDArrayIndex.point(b), NDArrayIndex.all(), NDArrayIndex.point(t));
                    assertEquals(expected, got, type + " example " + b + " step " + t);
                }
            }
        }
    }

    @Test
    void tableGradientIsOneHotTransposedTimesOutputGradient() {
        for (boolean masked : new boolean[] {false, true}) {
            Layer layer = layer(embeddingNet(DataType.DOUBLE), DataType.DOUBLE);
            layer.setMaskArray(masked ? mask(DataType.DOUBLE) : null);
            layer.activate(true, LayerWorkspaceMgr.noWorkspaces());
            INDArray dOut = Nd4j.rand(DataType.DOUBLE, 3, DIM, 5).subi(0.5);
            // a dirty gradient array, as DL4J's updater leaves it: the layer must overwrite all of it
            layer.getGradientsViewArray().assign(7.0);
            INDArray got = layer.backpropGradient(dOut, LayerWorkspaceMgr.noWorkspaces()).getFirst()
                    .getGradientFor("W");

            // one row per (example, step): one-hot of its id (zero at masked steps), and its output gradient
            INDArray oneHot = Nd4j.zeros(DataType.DOUBLE, 15, VOCAB);
            INDArray rows = Nd4j.zeros(DataType.DOUBLE, 15, DIM);
            for (int b = 0; b < 3; b++) {
                for (int t = 0; t < 5; t++) {
                    int r = b * 5 + t;
                    if (!masked || MASK[b][t] != 0) {
                        oneHot.putScalar(r, (int) IDS[b][t], 1.0);
                    }
                    rows.putRow(r, dOut.get(NDArrayIndex.point(b), NDArrayIndex.all(), NDArrayIndex.point(t)));
                }
            }
            INDArray expected = oneHot.transpose().mmul(rows);
            assertTrue(expected.equalsWithEps(got, 1e-12), "masked " + masked + ": expected\n" + expected
                    + "\ngot\n" + got);
        }
    }

    @Test
    void sameOutputsAndGradientsAsDl4jsEmbeddingSequenceLayer() {
        Layer ours = layer(embeddingNet(DataType.FLOAT), DataType.FLOAT);
        MultiLayerNetwork dl4jNet = network(new EmbeddingSequenceLayer.Builder().nIn(VOCAB).nOut(DIM).hasBias(false)
                .inferInputLength(true).build(), DataType.FLOAT);
        Layer dl4j = dl4jNet.getLayer(0);
        dl4j.setParam("W", ours.getParam("W").dup('f'));
        dl4j.setInput(Nd4j.createFromArray(IDS).castTo(DataType.FLOAT), LayerWorkspaceMgr.noWorkspaces());
        for (Layer l : new Layer[] {ours, dl4j}) {
            l.setMaskArray(mask(DataType.FLOAT));
        }
        INDArray dOut = Nd4j.rand(DataType.FLOAT, 3, DIM, 5);
        assertEquals(dl4j.activate(true, LayerWorkspaceMgr.noWorkspaces()),
                ours.activate(true, LayerWorkspaceMgr.noWorkspaces()));
        INDArray expected = dl4j.backpropGradient(dOut.dup(), LayerWorkspaceMgr.noWorkspaces()).getFirst()
                .getGradientFor("W");
        INDArray got = ours.backpropGradient(dOut.dup(), LayerWorkspaceMgr.noWorkspaces()).getFirst()
                .getGradientFor("W");
        assertTrue(expected.equalsWithEps(got, 1e-6), "expected\n" + expected + "\ngot\n" + got);
    }

    @Test
    void gradientCheckThroughTheEngineWithMaskAndRepeatedIds() {
        for (CellType cell : new CellType[] {CellType.LSTM, CellType.SIMPLE_RNN}) {
            MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE)
                    .updater(new Sgd(1.0)).list()
                    .layer(new Embedding.Builder().nIn(VOCAB).nOut(DIM).build())
                    .layer(new Recurrent.Builder(cell).nIn(DIM).nOut(3).returnSequences(false).build())
                    .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(3).nOut(2).activation(Activation.SOFTMAX)
                            .build())
                    .build();
            MultiLayerNetwork net = new MultiLayerNetwork(conf);
            net.init();
            INDArray labels = Nd4j.createFromArray(new double[][] {{1, 0}, {0, 1}, {1, 0}});
            boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig()
                    .net(net)
                    .input(Nd4j.createFromArray(IDS).reshape(3, 1, 5))
                    .inputMask(mask(DataType.DOUBLE))
                    .labels(labels)
                    .epsilon(1e-6)
                    .maxRelError(1e-3)
                    .minAbsoluteError(1e-8));
            assertTrue(ok, "gradient check, embedding -> " + cell);
        }
    }

    @Test
    void idOutsideTheTableNamesTheLayerAndPosition() {
        Layer layer = layer(embeddingNet(DataType.FLOAT), DataType.FLOAT);
        layer.setInput(Nd4j.createFromArray(new float[][] {{1, 2}, {3, VOCAB}}), LayerWorkspaceMgr.noWorkspaces());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> layer.activate(false, LayerWorkspaceMgr.noWorkspaces()));
        assertTrue(e.getMessage().contains("id 7.0 at example 1, step 1 is outside the embedding's 7 rows"),
                e.getMessage());
    }

    @Test
    void kernelReadsAndWritesTablesThatAreViewsAtAnOffset() {
        // the encoder-decoder's tables are views of its flat parameter vector
        INDArray flat = Nd4j.rand(DataType.FLOAT, 1, 5 + VOCAB * DIM + 3);
        INDArray table = flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(5, 5 + VOCAB * DIM))
                .reshape('c', VOCAB, DIM);
        int[] ids = {6, 0, 6, 2};
        INDArray out = Nd4j.create(DataType.FLOAT, 4, DIM);
        EmbeddingRows.gather(table, ids, null, out);
        for (int p = 0; p < ids.length; p++) {
            assertEquals(table.getRow(ids[p]), out.getRow(p), "position " + p);
        }
        INDArray gradFlat = Nd4j.ones(DataType.FLOAT, 1, 5 + VOCAB * DIM + 3);
        INDArray grad = gradFlat.get(NDArrayIndex.point(0), NDArrayIndex.interval(5, 5 + VOCAB * DIM))
                .reshape('c', VOCAB, DIM);
        EmbeddingRows.scatterAdd(out, ids, new boolean[] {true, true, false, true}, grad);
        INDArray expected = Nd4j.zeros(DataType.FLOAT, VOCAB, DIM);
        expected.getRow(6).addi(table.getRow(6));
        expected.getRow(0).addi(table.getRow(0));
        expected.getRow(2).addi(table.getRow(2));
        assertTrue(expected.equalsWithEps(grad, 1e-6), "expected\n" + expected + "\ngot\n" + grad);
        // nothing outside the view is touched
        assertEquals(5.0 + 3.0, gradFlat.sumNumber().doubleValue() - grad.sumNumber().doubleValue(), 1e-4);
    }

    @Test
    void paramsCopiedIntoAnotherLayerGiveTheSameVectors() {
        MultiLayerNetwork from = embeddingNet(DataType.FLOAT);
        MultiLayerNetwork to = network(new Embedding.Builder().nIn(VOCAB).nOut(DIM).build(), DataType.FLOAT);
        to.getLayer(0).getParam("W").assign(Nd4j.rand(DataType.FLOAT, VOCAB, DIM));
        to.getLayer(0).setParams(from.getLayer(0).params());
        assertEquals(from.getLayer(0).getParam("W"), to.getLayer(0).getParam("W"));
    }

    @Test
    void configurationSurvivesJson() {
        MultiLayerConfiguration conf = embeddingNet(DataType.FLOAT).getLayerWiseConfigurations();
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
        assertEquals(conf.getConf(0).getLayer(), back.getConf(0).getLayer());
        assertTrue(back.getConf(0).getLayer() instanceof Embedding);
    }

    private static INDArray mask(DataType type) {
        return Nd4j.createFromArray(MASK).castTo(type);
    }

    private static MultiLayerNetwork embeddingNet(DataType type) {
        return network(new Embedding.Builder().nIn(VOCAB).nOut(DIM).build(), type);
    }

    private static MultiLayerNetwork network(org.deeplearning4j.nn.conf.layers.Layer embedding, DataType type) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(11).dataType(type)
                .updater(new Sgd(0.1)).list()
                .layer(embedding)
                .layer(new RnnOutputLayer.Builder(LossFunction.MSE).nIn(DIM).nOut(2).activation(Activation.IDENTITY)
                        .build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        net.initGradientsView();
        return net;
    }

    /** The embedding layer of {@code net}, given the ids as [mb, 1, T] (as seqtrain's batches have them). */
    private static Layer layer(MultiLayerNetwork net, DataType type) {
        Layer layer = net.getLayer(0);
        layer.setInput(Nd4j.createFromArray(IDS).castTo(type).reshape(3, 1, 5), LayerWorkspaceMgr.noWorkspaces());
        return layer;
    }
}
