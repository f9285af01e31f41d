package dev.seqtrain.job;

import java.util.List;

import static dev.seqtrain.job.SpecCheck.fraction;
import static dev.seqtrain.job.SpecCheck.oneOf;
import static dev.seqtrain.job.SpecCheck.positive;
import static dev.seqtrain.job.SpecCheck.require;

/**
 * The value checks of {@link RecurrentSpec} and {@link BidirectionalSpec}, kept beside them rather than in them while
 * those records' keys are being reworked (their activations and merge modes are still strings).
 */
final class RecurrentChecks {
    /** The activations DL4J's recurrent layers are built with here; a subset of {@link Activation}. */
    static final List<String> ACTIVATIONS = List.of("tanh", "relu", "sigmoid", "hard_sigmoid", "linear");

    private RecurrentChecks() {
    }

    static void recurrent(String path, RecurrentSpec r) {
        require(r.units() != null, path + ".units", "required, e.g. units: 64");
        positive(path + ".units", r.units());
        oneOf(path + ".activation", r.activation(), ACTIVATIONS);
        oneOf(path + ".recurrent_activation", r.recurrentActivation(), ACTIVATIONS);
        fraction(path + ".dropout", r.dropout());
        fraction(path + ".recurrent_dropout", r.recurrentDropout());
        oneOf(path + ".merge_mode", r.mergeMode(), BidirectionalSpec.MERGE_MODES);
    }

    static void bidirectional(String path, BidirectionalSpec b) {
        require(b.layer() != null, path + ".layer", "required: the recurrent layer to wrap, e.g. layer: {lstm: {units: 64}}");
        require(b.layer() instanceof RecurrentSpec, path + ".layer",
                "must be simple_rnn, lstm or gru, got " + b.layer().typeName());
        require(!((RecurrentSpec) b.layer()).bidirectional(), path + ".layer.bidirectional",
                "the wrapped layer is already bidirectional");
        oneOf(path + ".merge_mode", b.mergeMode(), BidirectionalSpec.MERGE_MODES);
        recurrent(path + ".layer", (RecurrentSpec) b.layer());
    }
}
