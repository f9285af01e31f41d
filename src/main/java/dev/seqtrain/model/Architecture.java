package dev.seqtrain.model;

import java.util.List;

/**
 * A spec with its shapes inferred and checked: every layer, the head, how input enters the network.
 *
 * @param tokenInput     true when the network starts with an embedding (features are token ids [mb, T])
 * @param inputFeatures  features per time step of numeric input ({@code model.input.features}); 0 for token input
 * @param masked         embedding with {@code mask_zero}: batches carry a feature mask
 * @param embeddingIndex the embedding's layer index, -1 without one
 */
record Architecture(List<LayerPlan> layers, Head head, boolean tokenInput, int inputFeatures, boolean masked,
                    int embeddingIndex) {

    Architecture {
        layers = List.copyOf(layers);
    }
}
