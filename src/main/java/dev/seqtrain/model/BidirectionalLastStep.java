package dev.seqtrain.model;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;

import java.util.Collection;
import java.util.Objects;

/**
 * Keras' {@code Bidirectional(cell, merge_mode)} with {@code return_sequences=False}: the forward half at each
 * sequence's last real step merged with the backward half at its first real step, i.e. the backward cell's state
 * after reading the whole sequence backwards.
 * <p>
 * DL4J 1.0.0-M2.1 cannot express this with its own wrappers: {@code LastTimeStep(Bidirectional(...))} takes the
 * backward half after one token only, and {@code Bidirectional(LastTimeStep(...))} computes the right output but
 * fails to train (its backprop reverses a 2-D gradient in time, and DL4J's wrapper base class lacks the updater
 * lookup). So this wraps {@code Bidirectional(CONCAT, cell)} returning sequences and picks and merges the two halves
 * itself (see {@link BidirectionalLastStepLayer}). Parameters are the wrapped Bidirectional's, unchanged.
 */
public class BidirectionalLastStep extends BaseWrapperLayer {

    private Bidirectional.Mode merge;

    /** For DL4J's JSON deserialisation. */
    private BidirectionalLastStep() {
    }

    public BidirectionalLastStep(Layer cell, Bidirectional.Mode merge) {
        super(new Bidirectional(Bidirectional.Mode.CONCAT, cell));
        this.merge = Objects.requireNonNull(merge);
    }

    public Bidirectional.Mode getMerge() {
        return merge;
    }

    /** Units of one direction's cell. */
    long units() {
        return ((FeedForwardLayer) ((Bidirectional) underlying).getFwd()).getNOut();
    }

    /** Features of the merged output: 2 x units for concat, units otherwise. */
    long outputSize() {
        return merge == Bidirectional.Mode.CONCAT ? 2 * units() : units();
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
                                                       Collection<TrainingListener> listeners, int layerIndex,
                                                       INDArray layerParamsView, boolean initializeParams,
                                                       DataType networkDataType) {
        NeuralNetConfiguration inner = conf.clone();
        inner.setLayer(underlying);
        org.deeplearning4j.nn.api.Layer bidirectional = underlying.instantiate(inner, listeners, layerIndex,
                layerParamsView, initializeParams, networkDataType);
        return new BidirectionalLastStepLayer(bidirectional, merge, units());
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return InputType.feedForward(outputSize());
    }

    /** DL4J's wrapper base class does not pass this on; the updater needs it for every parameter. */
    @Override
    public IUpdater getUpdaterByParam(String paramName) {
        return underlying.getUpdaterByParam(paramName);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BidirectionalLastStep other && super.equals(o) && merge == other.merge;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + Objects.hashCode(merge);
    }
}
