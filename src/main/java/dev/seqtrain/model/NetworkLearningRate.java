package dev.seqtrain.model;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.learning.config.IUpdater;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The learning rate of a built network, wrapped layers included. DL4J's {@code MultiLayerNetwork.setLearningRate}
 * changes only top-level {@code BaseLayer}s: the cell inside {@code LastTimeStep}, {@code Bidirectional},
 * {@link BidirectionalLastStep} or a frozen wrapper keeps its old rate, on the driver and in the configuration that
 * Spark broadcasts to the workers. This sets every updater's rate in the configuration first.
 */
public final class NetworkLearningRate {
    private NetworkLearningRate() {
    }

    /** Sets {@code rate} (no schedule) on every updater that has a learning rate; the optimizer state is kept. */
    public static void set(MultiLayerNetwork net, double rate) {
        for (NeuralNetConfiguration c : net.getLayerWiseConfigurations().getConfs()) {
            visit(c.getLayer(), u -> u.setLrAndSchedule(rate, null));
        }
        // the top-level layers again, then DL4J rebuilds the network's updater from the configuration, state included
        net.setLearningRate(rate);
    }

    /** The learning rate of every updater in the configuration, in layer order (wrapped layers included). */
    public static List<Double> rates(MultiLayerNetwork net) {
        List<Double> rates = new ArrayList<>();
        int iteration = net.getIterationCount();
        int epoch = net.getEpochCount();
        for (NeuralNetConfiguration c : net.getLayerWiseConfigurations().getConfs()) {
            visit(c.getLayer(), u -> rates.add(u.getLearningRate(iteration, epoch)));
        }
        return rates;
    }

    private static void visit(Layer layer, Consumer<IUpdater> action) {
        if (layer instanceof BaseLayer b && b.getIUpdater() != null && b.getIUpdater().hasLearningRate()) {
            action.accept(b.getIUpdater());
        }
        if (layer instanceof BaseWrapperLayer w) visit(w.getUnderlying(), action);
        if (layer instanceof Bidirectional b) {
            visit(b.getFwd(), action);
            visit(b.getBwd(), action);
        }
    }
}
