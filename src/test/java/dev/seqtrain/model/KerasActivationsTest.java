package dev.seqtrain.model;

import dev.seqtrain.errors.SpecException;
import dev.seqtrain.job.Activation;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The builder maps exactly the activations the spec accepts: one list, job.Activation. */
class KerasActivationsTest {
    @Test
    void everySpecActivationHasADl4jActivation() {
        for (Activation a : Activation.values()) KerasActivations.of("p", a.toString());
        assertEquals(org.nd4j.linalg.activations.Activation.IDENTITY, KerasActivations.of("p", "linear"));
        assertEquals(org.nd4j.linalg.activations.Activation.HARDSIGMOID, KerasActivations.of("p", "hard_sigmoid"));
        assertEquals("p: unknown activation 'leaky'; expected one of linear, relu, sigmoid, tanh, softmax, elu, selu, "
                        + "softplus, softsign, hard_sigmoid, swish, gelu",
                assertThrows(SpecException.class, () -> KerasActivations.of("p", "leaky")).getMessage());
    }
}
