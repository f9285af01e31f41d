package dev.seqtrain.model;

import dev.seqtrain.errors.SpecException;
import dev.seqtrain.job.OptimizerSpec;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * {@code model.optimizer} → DL4J updater and gradient clipping.
 * <ul>
 *   <li>{@code adam} → {@link Adam}(learning_rate, beta_1, beta_2, epsilon);</li>
 *   <li>{@code rmsprop} → {@link RmsProp}(learning_rate, rho, epsilon);</li>
 *   <li>{@code sgd} → {@link Sgd}, or {@link Nesterovs} when {@code momentum > 0}: DL4J has only Nesterov
 *       momentum, so this is Keras' {@code SGD(momentum=m, nesterov=True)};</li>
 *   <li>{@code adagrad} → {@link AdaGrad}(learning_rate, epsilon); Keras' initial accumulator 0.1 has no
 *       DL4J equivalent (DL4J starts at 0).</li>
 * </ul>
 * {@code clipnorm} → {@link GradientNormalization#ClipL2PerParamType}: Keras clips the gradient of each weight
 * tensor on its own, and DL4J's per-parameter-type clipping is exactly that (each of a layer's W, RW and b
 * separately); {@code ClipL2PerLayer} would clip a layer's tensors together. {@code clipvalue} →
 * {@link GradientNormalization#ClipElementWiseAbsoluteValue}. DL4J applies one of them, not both.
 */
final class KerasOptimizers {

    private KerasOptimizers() {
    }

    static IUpdater updater(OptimizerSpec o) {
        double lr = o.learningRate();
        return switch (o.name()) {
            case ADAM -> new Adam(lr, o.beta1(), o.beta2(), o.epsilon());
            case RMSPROP -> new RmsProp(lr, o.rho(), o.epsilon());
            case SGD -> o.momentum() > 0 ? new Nesterovs(lr, o.momentum()) : new Sgd(lr);
            case ADAGRAD -> new AdaGrad(lr, o.epsilon());
        };
    }

    static GradientNormalization normalization(OptimizerSpec o) {
        checkClipping(o);
        if (o.clipnorm() != null) return GradientNormalization.ClipL2PerParamType;
        if (o.clipvalue() != null) return GradientNormalization.ClipElementWiseAbsoluteValue;
        return GradientNormalization.None;
    }

    static double threshold(OptimizerSpec o) {
        if (o.clipnorm() != null) return o.clipnorm();
        if (o.clipvalue() != null) return o.clipvalue();
        return 1.0;
    }

    static void checkClipping(OptimizerSpec o) {
        if (o.clipnorm() != null && o.clipvalue() != null) {
            throw new SpecException("model.optimizer: set clipnorm or clipvalue, not both "
                    + "(DL4J applies one gradient clipping rule)");
        }
    }
}
