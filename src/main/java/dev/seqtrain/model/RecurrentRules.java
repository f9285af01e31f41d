package dev.seqtrain.model;

import dev.seqtrain.errors.SpecException;
import dev.seqtrain.job.RecurrentSpec;
import dev.seqtrain.job.RecurrentSpec.Implementation;

/**
 * What a recurrent layer's options allow, by {@code implementation}: the engine computes every Keras option on
 * tanh / sigmoid / hard_sigmoid / relu / linear; DL4J's cells (LSTM, SimpleRnn) take any activation but always have a bias and no
 * recurrent dropout, and DL4J has no GRU with Keras' semantics. Errors name the key to change.
 */
final class RecurrentRules {

    private RecurrentRules() {
    }

    /** @param path the spec entry of the cell, e.g. {@code model.layers[1]} or {@code model.layers[1].layer} */
    static void check(String path, RecurrentSpec r) {
        KerasActivations.of(path + ".activation", r.activation());
        KerasActivations.of(path + ".recurrent_activation", r.recurrentActivation());
        if (r.dropout() < 0 || r.dropout() >= 1) {
            throw new SpecException(path + ".dropout: must be in [0, 1), got " + r.dropout());
        }
        if (r.recurrentDropout() < 0 || r.recurrentDropout() >= 1) {
            throw new SpecException(path + ".recurrent_dropout: must be in [0, 1), got " + r.recurrentDropout());
        }
        if (r.implementation() == Implementation.DL4J) {
            checkDl4j(path, r);
        } else {
            EngineActivations.of(path + ".activation", r.activation());
            EngineActivations.of(path + ".recurrent_activation", r.recurrentActivation());
        }
    }

    private static void checkDl4j(String path, RecurrentSpec r) {
        if (r.cell() == RecurrentSpec.Cell.GRU) {
            throw new SpecException(path + ".implementation: dl4j has no GRU with Keras' semantics; "
                    + "leave implementation out (engine) for a gru");
        }
        if (!r.useBias()) {
            throw new SpecException(path + ".use_bias: false needs implementation: engine (DL4J's "
                    + r.cell().kerasName() + " always has a bias)");
        }
        if (r.recurrentDropout() > 0) {
            throw new SpecException(path + ".recurrent_dropout: needs implementation: engine (DL4J's "
                    + r.cell().kerasName() + " has no recurrent dropout)");
        }
    }
}
