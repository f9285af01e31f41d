package dev.seqtrain.model.seq2seq;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The runtime layer of {@link Seq2Seq}: splits the input ids and mask into source and decoder input, runs
 * {@link EncoderDecoder} on the parameter views, and hands on [mb, units, Tt] with the target mask. The computation's
 * own arrays live in DL4J's workspaces, as DL4J's own layers keep theirs: in training the forward pass's in FF_CACHE
 * (open until backprop is done), the backward pass's in BP_WORKING_MEM; so they are freed, or reused, at once rather
 * than when the JVM's GC collects them (issue #15). Only the weight gradients leave, written into the gradient views.
 */
public class Seq2SeqLayer extends BaseLayer<Seq2Seq> {

    private static final long serialVersionUID = 1L;

    private transient EncoderDecoder network;
    private transient INDArray forwardInput;
    private transient INDArray forwardMask;

    public Seq2SeqLayer(NeuralNetConfiguration conf, DataType dataType) {
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
        assertInputSet(false);
        ArrayType cache = training ? cacheType(workspaceMgr) : null;
        INDArray out;
        // training: the forward pass's arrays go where DL4J keeps what backprop reads (FF_CACHE, or as DL4J does
        // without a cache mode the activations workspace), open until backprop is done; inference: to its forward
        // working memory, freed when the layer returns
        try (MemoryWorkspace ignored = cache != null ? workspaceMgr.notifyScopeBorrowed(cache)
                : scope(workspaceMgr, ArrayType.FF_WORKING_MEM)) {
            out = runForward();
            long[] shape = {out.size(1), out.size(2), out.size(0)};
            // inside the activations workspace already (DL4J cannot borrow it twice): allocate there directly
            INDArray result = cache != null && workspaceMgr.getWorkspaceName(cache)
                    .equals(workspaceMgr.getWorkspaceName(ArrayType.ACTIVATIONS))
                            ? Nd4j.createUninitialized(dataType, shape, 'c')
                            : workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, shape, 'c');
            result.assign(out.permute(1, 2, 0));
            if (cache == null && usesWorkspace(workspaceMgr, ArrayType.FF_WORKING_MEM)) {
                forwardInput = null; // the cache is gone with the working memory
            }
            return result;
        }
    }

    /** Where a training pass keeps its forward arrays for backprop; null when DL4J has no open workspace for them. */
    private static ArrayType cacheType(LayerWorkspaceMgr workspaceMgr) {
        if (usesWorkspace(workspaceMgr, ArrayType.FF_CACHE)) {
            return ArrayType.FF_CACHE;
        }
        return usesWorkspace(workspaceMgr, ArrayType.ACTIVATIONS) ? ArrayType.ACTIVATIONS : null;
    }

    /** Enters the workspace DL4J configured for {@code type}, or leaves all workspaces when it has none. */
    private static MemoryWorkspace scope(LayerWorkspaceMgr workspaceMgr, ArrayType type) {
        return usesWorkspace(workspaceMgr, type) ? workspaceMgr.notifyScopeEntered(type)
                : Nd4j.getWorkspaceManager().scopeOutOfWorkspaces();
    }

    private static boolean usesWorkspace(LayerWorkspaceMgr workspaceMgr, ArrayType type) {
        return workspaceMgr.hasConfiguration(type) && !workspaceMgr.isScopedOut(type);
    }

    private INDArray runForward() {
        INDArray ids = ids(input);
        int split = layerConf().getSourceSteps();
        long steps = ids.size(1);
        if (steps <= split) {
            throw new IllegalArgumentException("encoder-decoder " + layerId() + ": input of " + steps
                    + " steps has no decoder part after its " + split + " source steps");
        }
        INDArray source = ids.get(all(), interval(0, split));
        INDArray target = ids.get(all(), interval(split, steps));
        INDArray sourceMask = maskArray == null ? null : maskArray.get(all(), interval(0, split));
        INDArray targetMask = maskArray == null ? null : maskArray.get(all(), interval(split, steps));
        INDArray out = network().forward(source, sourceMask, target, targetMask, weights());
        forwardInput = input;
        forwardMask = maskArray;
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        // working memory freed when backprop returns; only the gradient views (outside workspaces) are written
        try (MemoryWorkspace ignored = scope(workspaceMgr, ArrayType.BP_WORKING_MEM)) {
            if (forwardInput != input || forwardMask != maskArray || !cacheAlive()) {
                runForward();
            }
            INDArray dOut = epsilon.permute(2, 0, 1).dup('c');
            if (dOut.dataType() != dataType) {
                dOut = dOut.castTo(dataType);
            }
            network().backward(dOut, weights(),
                    Seq2SeqParamInitializer.weights(layerConf().shape(), gradientViews));
        }
        Gradient gradient = new DefaultGradient(gradientsFlattened);
        for (String key : Seq2SeqParamInitializer.getInstance().paramKeys(layerConf())) {
            gradient.gradientForVariable().put(key, gradientViews.get(key));
        }
        forwardInput = null;
        // the first layer: nothing below it needs an input gradient (ids have none)
        return new Pair<>(gradient, null);
    }

    /** Whether the last forward pass's arrays are still there: outside workspaces, or in one not reset since. */
    private boolean cacheAlive() {
        INDArray cached = network().lastEncoderOutputs();
        if (cached == null || !cached.isAttached()) {
            return cached != null;
        }
        MemoryWorkspace ws = cached.data().getParentWorkspace();
        return ws.isScopeActive() && ws.getGenerationId() == cached.data().getGenerationId();
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray mask, MaskState state, int minibatchSize) {
        this.maskArray = mask;
        if (mask == null) {
            return null;
        }
        INDArray target = mask.get(all(), interval(layerConf().getSourceSteps(), mask.size(1)));
        return new Pair<>(target, state);
    }

    @Override
    public void clear() {
        super.clear();
        forwardInput = null;
        forwardMask = null;
    }

    private Seq2SeqWeights weights() {
        return Seq2SeqParamInitializer.weights(layerConf().shape(), params);
    }

    /** Ids as [mb, T] whether they come as [mb, T] or [mb, 1, T], in the network's data type. */
    private INDArray ids(INDArray in) {
        INDArray ids = in.rank() == 3 ? in.reshape(in.size(0), in.size(2)) : in;
        return ids.dataType() == dataType ? ids : ids.castTo(dataType);
    }

    EncoderDecoder network() {
        if (network == null) {
            network = new EncoderDecoder(layerConf().shape());
        }
        return network;
    }
}
