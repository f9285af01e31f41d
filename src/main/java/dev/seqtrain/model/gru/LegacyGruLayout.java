package dev.seqtrain.model.gru;

import java.util.Map;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import dev.seqtrain.model.rnn.ParamLayout;
import dev.seqtrain.model.rnn.RnnWeights;

/**
 * The legacy GRU's parameters ({@link GRUParamInitializer}: column-major W [nIn, 3u], RW [u, 3u], b and rb [1, 3u])
 * as the engine's row-major weights (bias rows b, rb): copies, made outside every workspace because the engine keeps
 * them from the forward to the backward pass. Gradients come back the same way. Legacy models are read for
 * evaluation and prediction, where one copy of the weights per pass costs nothing measurable.
 */
final class LegacyGruLayout implements ParamLayout {

    static final LegacyGruLayout INSTANCE = new LegacyGruLayout();

    private LegacyGruLayout() {
    }

    @Override
    public RnnWeights weights(Map<String, INDArray> params) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            INDArray b = params.get(GRUParamInitializer.BIAS_KEY);
            INDArray rb = params.get(GRUParamInitializer.RECURRENT_BIAS_KEY);
            INDArray bias = b == null ? null : rb == null ? b.dup('c') : Nd4j.vstack(b, rb).dup('c');
            return new RnnWeights(params.get(GRUParamInitializer.WEIGHT_KEY).dup('c'),
                    params.get(GRUParamInitializer.RECURRENT_WEIGHT_KEY).dup('c'), bias);
        }
    }

    @Override
    public RnnWeights gradients(Map<String, INDArray> gradientViews) {
        return weights(gradientViews);
    }

    @Override
    public void storeGradients(RnnWeights gradients, Map<String, INDArray> gradientViews) {
        gradientViews.get(GRUParamInitializer.WEIGHT_KEY).assign(gradients.kernel());
        gradientViews.get(GRUParamInitializer.RECURRENT_WEIGHT_KEY).assign(gradients.recurrentKernel());
        INDArray b = gradientViews.get(GRUParamInitializer.BIAS_KEY);
        if (b != null) {
            b.assign(gradients.bias().getRow(0, true));
        }
        INDArray rb = gradientViews.get(GRUParamInitializer.RECURRENT_BIAS_KEY);
        if (rb != null) {
            rb.assign(gradients.bias().getRow(1, true));
        }
    }
}
