package dev.seqtrain.model.embedding;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The runtime layer of {@link Embedding}. Forward: one gather of the table rows ({@link EmbeddingRows}) straight into
 * a row-major [T, mb, D] array, handed on as its [mb, D, T] permuted view: the time-major layout the recurrent engine
 * reads, so the engine's input copy is a plain memory copy. Masked steps are 0 and get no gradient (as in DL4J's
 * {@code EmbeddingSequenceLayer}). Backward: the table's gradient accumulated over the positions of the batch; no
 * gradient goes below (ids are not differentiable).
 */
public class EmbeddingLayer extends BaseLayer<Embedding> {

    private static final long serialVersionUID = 1L;

    public EmbeddingLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        int mb = (int) input.size(0);
        int steps = (int) EmbeddingRows.steps(input);
        INDArray table = getParamWithNoise(EmbeddingParamInitializer.WEIGHT_KEY, training, workspaceMgr);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, table.dataType(),
                new long[] {steps, mb, table.size(1)}, 'c');
        EmbeddingRows.gather(table, ids(), real(mb, steps), out);
        return out.permute(1, 2, 0);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        int mb = (int) input.size(0);
        int steps = (int) EmbeddingRows.steps(input);
        INDArray gradient = gradientViews.get(EmbeddingParamInitializer.WEIGHT_KEY);
        INDArray rows = epsilon.permute(2, 0, 1); // [T, mb, D]
        if (!EmbeddingRows.contiguous(rows) || rows.dataType() != gradient.dataType()) {
            rows = workspaceMgr.dup(ArrayType.BP_WORKING_MEM, rows.castTo(gradient.dataType()), 'c');
        }
        // ids and mask read again (a pass over T·mb numbers): the backward pass depends on no state of the forward one
        EmbeddingRows.scatterAdd(rows, ids(), real(mb, steps), gradient);
        Gradient g = new DefaultGradient(gradientsFlattened);
        g.gradientForVariable().put(EmbeddingParamInitializer.WEIGHT_KEY, gradient);
        return new Pair<>(g, null);
    }

    /** The flat vector is the table row by row: DL4J's default would read it in column-major order. */
    @Override
    public void setParams(INDArray params) {
        setParams(params, 'c');
    }

    private int[] ids() {
        return EmbeddingRows.timeMajorIds(input, layerConf().getNIn(), "embedding " + layerId());
    }

    private boolean[] real(int mb, int steps) {
        return EmbeddingRows.timeMajorMask(maskArray, mb, steps);
    }

    @Override
    public boolean hasBias() {
        return false;
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public Type type() {
        return Type.RECURRENT;
    }
}
