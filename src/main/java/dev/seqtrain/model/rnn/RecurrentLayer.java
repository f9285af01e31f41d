package dev.seqtrain.model.rnn;

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
 * The runtime layer that {@link Recurrent} instantiates: DL4J plumbing (workspaces, data format, input dropout, weight
 * noise, masks, stored state for {@code rnnTimeStep}) around {@link RnnEngine}.
 *
 * <p>Input [mb, nIn, T] and output [mb, u, T] (or NWC); the engine works time-major, so the input is copied once per
 * pass (inside the engine) and the output and gradients are permuted copies. With a feature mask the state carries
 * over padded steps (Keras) and the output there is 0 (DL4J's convention). The backward pass reuses the forward pass
 * of the same training step.
 */
public class RecurrentLayer extends BaseRecurrentLayer<Recurrent> {

    private static final long serialVersionUID = 1L;

    public static final String STATE_KEY_H = "h";
    public static final String STATE_KEY_C = "c";

    private transient RnnEngine engine;
    private transient INDArray forwardInput;
    private transient INDArray forwardMask;

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
        return backprop(epsilon, null, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> tbpttBackpropGradient(INDArray epsilon, int tbpttBackLength,
            LayerWorkspaceMgr workspaceMgr) {
        long steps = permuteIfNWC(input).size(2);
        if (tbpttBackLength < steps) {
            throw new UnsupportedOperationException("recurrent layer " + layerId() + ": truncated BPTT with a backward "
                    + "length (" + tbpttBackLength + ") shorter than the forward segment (" + steps + ")");
        }
        return backprop(epsilon, stored(stateMap), workspaceMgr);
    }

    @Override
    public void clear() {
        super.clear();
        forwardInput = null;
        forwardMask = null;
    }

    private Pair<INDArray, RnnState> forward(boolean training, RnnState initial, LayerWorkspaceMgr workspaceMgr) {
        RnnResult result = runForward(training, initial, workspaceMgr);
        // a copy in the engine's layout (a plain memory copy), handed on as a permuted [mb, u, T] view
        INDArray outputs = result.outputs();
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, outputs.shape(), 'c');
        out.assign(outputs);
        return new Pair<>(permuteIfNWC(out.permute(1, 2, 0)), result.last());
    }

    private RnnResult runForward(boolean training, RnnState initial, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        Preconditions.checkState(input.rank() == 3,
                "recurrent layer %s: expected 3D input [minibatch, size, time steps], got rank %s", layerId(),
                input.rank());
        applyDropOutIfNecessary(training, workspaceMgr);
        INDArray x = ncw(input);
        Preconditions.checkState(x.size(1) == layerConf().getNIn(),
                "recurrent layer %s: expected input size %s, got input of shape %ndShape (format %s)", layerId(),
                layerConf().getNIn(), input, getDataFormat());
        RnnResult result = engine().forward(x.permute(2, 0, 1), weights(training, workspaceMgr), initial, maskArray);
        forwardInput = training ? input : null;
        forwardMask = maskArray;
        return result;
    }

    private Pair<Gradient, INDArray> backprop(INDArray epsilon, RnnState initial, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        if (forwardInput == null || forwardInput != input || forwardMask != maskArray) {
            runForward(true, initial, workspaceMgr);
        }
        INDArray x = ncw(input);
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType,
                new long[] {x.size(2), x.size(0), x.size(1)}, 'c');
        INDArray eps = ncw(epsilon);
        engine.backward(eps.permute(2, 0, 1), null, weightViews(gradientViews), dx);
        forwardInput = null;
        weightNoiseParams.clear();

        Gradient gradient = new DefaultGradient(gradientsFlattened);
        for (String key : RecurrentParamInitializer.getInstance().paramKeys(layerConf())) {
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
        INDArray bias = layerConf().isUseBias()
                ? getParamWithNoise(RecurrentParamInitializer.BIAS_KEY, training, workspaceMgr) : null;
        return new RnnWeights(getParamWithNoise(RecurrentParamInitializer.WEIGHT_KEY, training, workspaceMgr),
                getParamWithNoise(RecurrentParamInitializer.RECURRENT_WEIGHT_KEY, training, workspaceMgr), bias);
    }

    private static RnnWeights weightViews(java.util.Map<String, INDArray> table) {
        return new RnnWeights(table.get(RecurrentParamInitializer.WEIGHT_KEY),
                table.get(RecurrentParamInitializer.RECURRENT_WEIGHT_KEY),
                table.get(RecurrentParamInitializer.BIAS_KEY));
    }

    private static RnnState stored(java.util.Map<String, INDArray> map) {
        INDArray h = map.get(STATE_KEY_H);
        return h == null ? null : new RnnState(h, map.get(STATE_KEY_C));
    }

    private static void store(java.util.Map<String, INDArray> map, RnnState state) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            map.put(STATE_KEY_H, state.h().dup('c'));
            if (state.c() != null) {
                map.put(STATE_KEY_C, state.c().dup('c'));
            }
        }
    }

    private RnnEngine engine() {
        if (engine == null) {
            engine = new RnnEngine(layerConf().spec());
        }
        return engine;
    }
}
