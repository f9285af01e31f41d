package dev.seqtrain.bench.oldgru;

import dev.seqtrain.model.gru.GRU;
import dev.seqtrain.model.gru.GRUParamInitializer;

import java.util.Map;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.BaseRecurrentLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.base.Preconditions;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The runtime GRU layer that {@link GRU} instantiates: DL4J plumbing (workspaces, data format, dropout, weight noise,
 * masks, stored state for {@code rnnTimeStep} and truncated BPTT) around {@link GRUComputation}, which holds the
 * equations.
 *
 * <p>Input [mb, nIn, T] and output [mb, u, T] (or [mb, T, ·] with {@code RNNFormat.NWC}). With a feature mask the
 * state is carried over padded steps (Keras) and the output there is 0 (DL4J's convention for masked RNN output, what
 * {@code LastTimeStep}, {@code Bidirectional} and the RNN output layers expect; they all read the mask themselves).
 *
 * <p>Unlike DL4J's LSTM, the backward pass reuses the forward pass of the same training step instead of running it
 * again: the layer keeps its intermediate arrays between the two (outside workspaces, reused across minibatches).
 */
public class GRULayer extends BaseRecurrentLayer<GRU> {

    private static final long serialVersionUID = 1L;

    /** Key of the last state in {@link #rnnGetPreviousState()} and the truncated-BPTT state. */
    public static final String STATE_KEY_PREV_ACTIVATION = "prevAct";

    private transient GRUComputation computation;
    /** Which input (after dropout) and mask the kept forward pass belongs to; null when it is not a training pass. */
    private transient INDArray forwardInput;
    private transient INDArray forwardMask;

    public GRULayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public Type type() {
        return Type.RECURRENT;
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        return forward(training, null, workspaceMgr);
    }

    @Override
    public INDArray rnnTimeStep(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        INDArray out = forward(false, stateMap.get(STATE_KEY_PREV_ACTIVATION), workspaceMgr);
        stateMap.put(STATE_KEY_PREV_ACTIVATION, detachedLastState());
        return out;
    }

    @Override
    public INDArray rnnActivateUsingStoredState(INDArray input, boolean training, boolean storeLastForTBPTT,
            LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        INDArray out = forward(training, tBpttStateMap.get(STATE_KEY_PREV_ACTIVATION), workspaceMgr);
        if (storeLastForTBPTT) {
            tBpttStateMap.put(STATE_KEY_PREV_ACTIVATION, detachedLastState());
        }
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        return backprop(epsilon, -1, false, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> tbpttBackpropGradient(INDArray epsilon, int tbpttBackLength,
            LayerWorkspaceMgr workspaceMgr) {
        return backprop(epsilon, tbpttBackLength, true, workspaceMgr);
    }

    @Override
    public void clear() {
        super.clear();
        forwardInput = null;
        forwardMask = null;
    }

    private INDArray forward(boolean training, INDArray initialState, LayerWorkspaceMgr workspaceMgr) {
        runForward(training, initialState, workspaceMgr);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType,
                new long[] {input.size(0), layerConf().getNOut(), timeSteps()}, 'f');
        computation.writeOutput(out);
        return permuteIfNWC(out);
    }

    private void runForward(boolean training, INDArray initialState, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        Preconditions.checkState(input.rank() == 3,
                "GRU layer %s: expected 3D input [minibatch, size, time steps], got rank %s", layerId(), input.rank());
        applyDropOutIfNecessary(training, workspaceMgr);
        INDArray x = inputNCW(input, ArrayType.FF_WORKING_MEM, workspaceMgr);
        Preconditions.checkState(x.size(1) == layerConf().getNIn(),
                "GRU layer %s: expected input size %s, got input of shape %ndShape (format %s)", layerId(),
                layerConf().getNIn(), input, getDataFormat());
        Preconditions.checkState(initialState == null || initialState.size(0) == x.size(0),
                "GRU layer %s: stored state has minibatch size %s, input has %s (rnnTimeStep with another "
                        + "minibatch size? call rnnClearPreviousState() first)", layerId(),
                initialState == null ? 0 : initialState.size(0), x.size(0));
        StepMask mask = StepMask.of(maskArray, x.size(0), x.size(2), dataType);
        computation().forward(x, params(training, workspaceMgr), initialState, mask, training);
        forwardInput = training ? input : null;
        forwardMask = maskArray;
    }

    private Pair<Gradient, INDArray> backprop(INDArray epsilon, int tbpttBackLength, boolean truncated,
            LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        boolean keptForwardFits = forwardInput != null && forwardInput == input && forwardMask == maskArray;
        if (!keptForwardFits) {
            runForward(true, truncated ? stateMap.get(STATE_KEY_PREV_ACTIVATION) : null, workspaceMgr);
        }
        INDArray x = inputNCW(input, ArrayType.BP_WORKING_MEM, workspaceMgr);
        INDArray eps = epsilonNCW(epsilon, workspaceMgr);
        INDArray epsOut = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, x.shape(), 'f');
        int steps = (int) x.size(2);
        int firstStep = tbpttBackLength > 0 ? Math.max(0, steps - tbpttBackLength) : 0;

        gradientsFlattened.assign(0);
        computation.backward(x, eps, params(true, workspaceMgr), viewsOf(gradientViews), epsOut, firstStep);
        forwardInput = null;
        weightNoiseParams.clear();

        Gradient gradient = new DefaultGradient(gradientsFlattened);
        for (String key : GRUParamInitializer.getInstance().paramKeys(layerConf())) {
            gradient.gradientForVariable().put(key, gradientViews.get(key));
        }
        epsOut = backpropDropOutIfPresent(epsOut);
        return new Pair<>(gradient, permuteIfNWC(epsOut));
    }

    private GRUParams params(boolean training, LayerWorkspaceMgr workspaceMgr) {
        GRU conf = layerConf();
        INDArray bias = conf.isHasBias()
                ? getParamWithNoise(GRUParamInitializer.BIAS_KEY, training, workspaceMgr) : null;
        INDArray recurrentBias = conf.isHasBias() && conf.isResetAfter()
                ? getParamWithNoise(GRUParamInitializer.RECURRENT_BIAS_KEY, training, workspaceMgr) : null;
        return new GRUParams(getParamWithNoise(GRUParamInitializer.WEIGHT_KEY, training, workspaceMgr),
                getParamWithNoise(GRUParamInitializer.RECURRENT_WEIGHT_KEY, training, workspaceMgr),
                bias, recurrentBias);
    }

    private static GRUParams viewsOf(Map<String, INDArray> table) {
        return new GRUParams(table.get(GRUParamInitializer.WEIGHT_KEY),
                table.get(GRUParamInitializer.RECURRENT_WEIGHT_KEY), table.get(GRUParamInitializer.BIAS_KEY),
                table.get(GRUParamInitializer.RECURRENT_BIAS_KEY));
    }

    /**
     * The input as [mb, nIn, T] in the layer's data type. The loops only multiply its per-step [mb, nIn] slices, which
     * BLAS reads in place when either of their strides is 1: that holds for column-major NCW, row-major NWC and the
     * permuted view an embedding layer outputs, for which a column-major copy would cost more than the layer's
     * element-wise work. Other layouts are copied.
     */
    private INDArray inputNCW(INDArray timeSeries, ArrayType arrayType, LayerWorkspaceMgr workspaceMgr) {
        INDArray ncw = permuteIfNWC(timeSeries);
        if (ncw.dataType() != dataType) {
            ncw = ncw.castTo(dataType);
        }
        if (ncw.stride(0) != 1 && ncw.stride(1) != 1) {
            ncw = workspaceMgr.dup(arrayType, ncw, 'f');
        }
        return ncw;
    }

    /**
     * dL/d(output) as [mb, u, T] whose per-step slices are dense column-major matrices: the loops run element-wise
     * operations on them, which are several times slower on strided memory.
     */
    private INDArray epsilonNCW(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        INDArray ncw = permuteIfNWC(epsilon);
        if (ncw.dataType() != dataType) {
            ncw = ncw.castTo(dataType);
        }
        if (ncw.stride(0) != 1 || ncw.stride(1) != ncw.size(0)) {
            ncw = workspaceMgr.dup(ArrayType.BP_WORKING_MEM, ncw, 'f');
        }
        return ncw;
    }

    private long timeSteps() {
        return permuteIfNWC(input).size(2);
    }

    private INDArray detachedLastState() {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return computation.lastState().dup('f');
        }
    }

    private GRUComputation computation() {
        if (computation == null) {
            computation = new GRUComputation(layerConf());
        }
        return computation;
    }
}
