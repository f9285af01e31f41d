package dev.seqtrain.model.rnn;

import java.util.LinkedHashMap;
import java.util.Map;

import org.deeplearning4j.nn.api.MaskState;
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
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The runtime layer that {@link Recurrent} instantiates: DL4J plumbing (workspaces, data format, weight noise, masks,
 * stored state for {@code rnnTimeStep} and truncated BPTT) around {@link RnnEngine}, plus Keras' dropout masks.
 *
 * <p>Input [mb, nIn, T] and output [mb, u, T] (or NWC), or the final state [mb, u] without return_sequences (then the
 * backward pass starts from the final state alone). The engine works time-major, so the input is copied once per
 * pass (inside the engine) and the output and gradients are permuted copies. With a feature mask the state carries
 * over padded steps (Keras) and the output there is 0 (DL4J's convention). The backward pass reuses the forward pass
 * of the same training step.
 *
 * <p>Keras' {@code dropout} and {@code recurrent_dropout}: one mask per sequence ([mb, nIn] on the input, [mb, u] on
 * the state), drawn per training forward pass, reused at every step, inverted scaling; none at inference.
 */
public class RecurrentLayer extends BaseRecurrentLayer<Recurrent> {

    private static final long serialVersionUID = 1L;

    public static final String STATE_KEY_H = "h";
    public static final String STATE_KEY_C = "c";

    private transient RnnEngine engine;
    private transient INDArray forwardInput;
    private transient INDArray forwardMask;
    /** The state the last training forward pass started from (a rerun for backward starts there too). */
    private transient RnnState forwardInitial;
    private transient INDArray inputDropoutMask;
    private transient INDArray recurrentDropoutMask;

    public RecurrentLayer(NeuralNetConfiguration conf, DataType dataType) {
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
        return forward(training, null, workspaceMgr).getFirst();
    }

    @Override
    public INDArray rnnTimeStep(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        Pair<INDArray, RnnState> out = forward(false, stored(stateMap), workspaceMgr);
        store(stateMap, out.getSecond());
        return out.getFirst();
    }

    @Override
    public INDArray rnnActivateUsingStoredState(INDArray input, boolean training, boolean storeLastForTBPTT,
            LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        Pair<INDArray, RnnState> out = forward(training, stored(tBpttStateMap), workspaceMgr);
        if (storeLastForTBPTT) {
            store(tBpttStateMap, out.getSecond());
        }
        return out.getFirst();
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        return backprop(epsilon, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> tbpttBackpropGradient(INDArray epsilon, int tbpttBackLength,
            LayerWorkspaceMgr workspaceMgr) {
        long steps = permuteIfNWC(input).size(2);
        if (tbpttBackLength < steps) {
            throw new UnsupportedOperationException("recurrent layer " + layerId() + ": truncated BPTT with a backward "
                    + "length (" + tbpttBackLength + ") shorter than the forward segment (" + steps + ")");
        }
        return backprop(epsilon, workspaceMgr);
    }

    /** Without return_sequences the output is one vector per sequence: no mask above this layer. */
    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
            int minibatchSize) {
        Pair<INDArray, MaskState> passed = super.feedForwardMaskArray(maskArray, currentMaskState, minibatchSize);
        return layerConf().isReturnSequences() ? passed : new Pair<>(null, currentMaskState);
    }

    /** The flat vector holds the row-major W, RW, b: DL4J's default would read it in column-major order. */
    @Override
    public void setParams(INDArray params) {
        setParams(params, 'c');
    }

    @Override
    public void clear() {
        super.clear();
        forwardInput = null;
        forwardMask = null;
        forwardInitial = null;
    }

    private Pair<INDArray, RnnState> forward(boolean training, RnnState initial, LayerWorkspaceMgr workspaceMgr) {
        RnnResult result = runForward(training, initial, true, workspaceMgr);
        if (!layerConf().isReturnSequences()) {
            INDArray last = result.last().h();
            INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, last.shape(), 'c');
            return new Pair<>(out.assign(last), result.last());
        }
        // a copy in the engine's layout (a plain memory copy), handed on as a permuted [mb, u, T] view
        INDArray outputs = result.outputs();
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, outputs.shape(), 'c');
        out.assign(outputs);
        return new Pair<>(permuteIfNWC(out.permute(1, 2, 0)), result.last());
    }

    /** @param drawMasks false when rerunning a training pass for its backward pass: the same dropout masks */
    private RnnResult runForward(boolean training, RnnState initial, boolean drawMasks,
            LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        Preconditions.checkState(input.rank() == 3,
                "recurrent layer %s: expected 3D input [minibatch, size, time steps], got rank %s", layerId(),
                input.rank());
        applyDropOutIfNecessary(training, workspaceMgr);
        INDArray x = ncw(input);
        Preconditions.checkState(x.size(1) == layerConf().getNIn(),
                "recurrent layer %s: expected input size %s, got input of shape %ndShape (format %s)", layerId(),
                layerConf().getNIn(), input, getDataFormat());
        if (drawMasks) {
            drawDropoutMasks(training, x.size(0));
        }
        if (inputDropoutMask != null) {
            INDArray dropped = workspaceMgr.createUninitialized(ArrayType.INPUT, dataType, x.shape(), 'c');
            Nd4j.getExecutioner().exec(new BroadcastMulOp(x, inputDropoutMask, dropped, 0, 1));
            x = dropped;
        }
        // return_sequences false hands on the final state alone: the engine then builds no per-step outputs
        RnnResult result = engine().forward(x.permute(2, 0, 1), weights(training, workspaceMgr), initial, maskArray,
                recurrentDropoutMask, layerConf().isReturnSequences());
        forwardInput = training ? input : null;
        forwardMask = maskArray;
        forwardInitial = training ? detached(initial) : null;
        return result;
    }

    /** Keras: a fresh mask per sequence of the minibatch in training; none at inference. */
    private void drawDropoutMasks(boolean training, long minibatch) {
        Recurrent conf = layerConf();
        inputDropoutMask = training ? dropoutMask(conf.getInputDropout(), minibatch, conf.getNIn()) : null;
        recurrentDropoutMask = training ? dropoutMask(conf.getRecurrentDropout(), minibatch, conf.getNOut()) : null;
    }

    private INDArray dropoutMask(double rate, long rows, long cols) {
        if (rate <= 0) {
            return null;
        }
        double keep = 1.0 - rate;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return Nd4j.rand(dataType, rows, cols).lt(keep).castTo(dataType).divi(keep);
        }
    }

    private Pair<Gradient, INDArray> backprop(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        if (forwardInput == null || forwardInput != input || forwardMask != maskArray) {
            runForward(true, forwardInitial, false, workspaceMgr);
        }
        INDArray x = ncw(input);
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType,
                new long[] {x.size(2), x.size(0), x.size(1)}, 'c');
        ParamLayout layout = layerConf().paramLayout();
        RnnWeights grads = layout.gradients(gradientViews);
        if (layerConf().isReturnSequences()) {
            engine.backward(ncw(epsilon).permute(2, 0, 1), null, grads, dx);
        } else {
            INDArray dFinal = epsilon.dataType() == dataType ? epsilon : epsilon.castTo(dataType);
            engine.backward(null, new RnnState(dFinal, null), grads, dx);
        }
        layout.storeGradients(grads, gradientViews);
        if (inputDropoutMask != null) {
            // d(x ⊙ m)/dx = m, the same mask at every step
            dx.reshape('c', x.size(2), x.size(0) * x.size(1)).muliRowVector(
                    inputDropoutMask.reshape('c', 1, x.size(0) * x.size(1)));
        }
        forwardInput = null;
        weightNoiseParams.clear();

        Gradient gradient = new DefaultGradient(gradientsFlattened);
        for (String key : layerConf().initializer().paramKeys(layerConf())) {
            gradient.gradientForVariable().put(key, gradientViews.get(key));
        }
        INDArray epsOut = backpropDropOutIfPresent(dx.permute(1, 2, 0));
        return new Pair<>(gradient, permuteIfNWC(epsOut));
    }

    private INDArray ncw(INDArray timeSeries) {
        INDArray ncw = permuteIfNWC(timeSeries);
        return ncw.dataType() == dataType ? ncw : ncw.castTo(dataType);
    }

    private RnnWeights weights(boolean training, LayerWorkspaceMgr workspaceMgr) {
        Map<String, INDArray> params = new LinkedHashMap<>();
        for (String key : layerConf().initializer().paramKeys(layerConf())) {
            params.put(key, getParamWithNoise(key, training, workspaceMgr));
        }
        return layerConf().paramLayout().weights(params);
    }

    private static RnnState stored(Map<String, INDArray> map) {
        INDArray h = map.get(STATE_KEY_H);
        return h == null ? null : new RnnState(h, map.get(STATE_KEY_C));
    }

    private static void store(Map<String, INDArray> map, RnnState state) {
        RnnState copy = detached(state);
        map.put(STATE_KEY_H, copy.h());
        if (copy.c() != null) {
            map.put(STATE_KEY_C, copy.c());
        }
    }

    /** A copy outside every workspace (it outlives the pass), or null. */
    private static RnnState detached(RnnState state) {
        if (state == null) {
            return null;
        }
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return new RnnState(state.h().dup('c'), state.c() == null ? null : state.c().dup('c'));
        }
    }

    private RnnEngine engine() {
        if (engine == null) {
            engine = new RnnEngine(layerConf().spec());
        }
        return engine;
    }
}
