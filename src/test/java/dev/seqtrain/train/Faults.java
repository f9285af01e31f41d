package dev.seqtrain.train;

import dev.seqtrain.errors.ExitCode;
import dev.seqtrain.errors.SeqtrainException;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/** Faults the training tests make happen for certain, through {@link TrainingFaultInjector}. */
final class Faults {
    private Faults() {
    }

    /** The job dies right after epoch {@code n}'s checkpoint (exit code 70), leaving its work directory as a kill would. */
    static TrainingFaultInjector.Installed killAfterEpoch(int n) {
        return TrainingFaultInjector.install(new TrainingFaultInjector() {
            @Override
            public void afterEpoch(int epoch) {
                if (epoch == n) throw new SeqtrainException(ExitCode.INTERNAL, "killed after epoch " + epoch + " (test fault)");
            }
        });
    }

    /**
     * Epoch {@code n} starts from NaN weights, as a network that has blown up does: the real forward pass then gives
     * a NaN loss, which the trainer must catch.
     */
    static TrainingFaultInjector.Installed divergeInEpoch(int n) {
        return TrainingFaultInjector.install(new TrainingFaultInjector() {
            @Override
            public void beforeEpoch(int epoch, MultiLayerNetwork network) {
                if (epoch == n) network.params().assign(Double.NaN);
            }
        });
    }
}
