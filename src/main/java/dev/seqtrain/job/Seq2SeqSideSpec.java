package dev.seqtrain.job;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** {@code model.encoder} or {@code model.decoder}: an embedding and stacked recurrent layers, Keras names. */
public record Seq2SeqSideSpec(@JsonProperty("layers") List<LayerSpec> layers) {

    public Seq2SeqSideSpec {
        if (layers == null) layers = List.of();
    }

    /** The checks of this side's own keys, each layer's included; {@code path}: {@code model.encoder}. */
    public void validate(String path) {
        SpecCheck.require(layers.size() >= 2, path + ".layers", "an embedding and at least one recurrent layer are "
                + "required, e.g. [{embedding: {output_dim: 32}}, {lstm: {units: 128}}], got " + layers.size()
                + " layer(s)");
        for (int i = 0; i < layers.size(); i++) {
            String at = path + ".layers[" + i + "]";
            LayerSpec l = layers.get(i);
            if (l instanceof EmbeddingSpec e) e.validate(at);
            else if (l instanceof RecurrentSpec r) RecurrentChecks.recurrent(at, r);
            else if (l instanceof BidirectionalSpec b) RecurrentChecks.bidirectional(at, b);
        }
    }
}
