package dev.seqtrain.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Fault injection for tests, in the manner of Hadoop's {@code DFSClientFaultInjector}: the epoch loop calls the
 * installed injector at fixed points, and tests install one that makes a fault happen there for certain (a killed job,
 * a diverging network) instead of hoping for it. Production code never installs one; the default does nothing.
 */
public class TrainingFaultInjector {
    private static final TrainingFaultInjector NONE = new TrainingFaultInjector();
    private static volatile TrainingFaultInjector current = NONE;

    public static TrainingFaultInjector get() {
        return current;
    }

    /** Installs {@code injector} until the returned handle is closed. */
    public static Installed install(TrainingFaultInjector injector) {
        current = injector;
        return () -> current = NONE;
    }

    /** Closing it removes the injector. */
    public interface Installed extends AutoCloseable {
        @Override
        void close();
    }

    /** Before epoch {@code epoch} is fitted, with the driver's network whose parameters the workers will receive. */
    public void beforeEpoch(int epoch, MultiLayerNetwork network) {
    }

    /** After epoch {@code epoch} has been validated and its checkpoint written. */
    public void afterEpoch(int epoch) {
    }
}
