package dev.seqtrain.store;

import org.nd4j.linalg.activations.impl.ActivationIdentity;

/** A valid DL4J activation outside the allowed packages whose constructor records that it ran. */
public final class TripwireActivation extends ActivationIdentity {
    static volatile boolean constructed;

    public TripwireActivation() {
        constructed = true;
    }
}
