package dev.seqtrain.model;

import dev.seqtrain.job.LayerSpec;

/**
 * One entry of {@code model.layers} after shape inference: its Keras name and class (as {@code model.summary()}
 * prints them), what it receives and produces, and its Keras parameter count. Spec layer {@code index} is also the
 * index of its DL4J layer in the network (the mapping is one to one).
 *
 * @param path       the key path of the spec entry, e.g. {@code model.layers[2]}, for messages
 * @param name       Keras' automatic layer name, e.g. {@code lstm_1}
 * @param kerasClass Keras' class name, e.g. {@code LSTM}, {@code Bidirectional}
 * @param params     parameters as Keras counts them; DL4J's {@code numParams()} agrees for every layer it builds
 * @param trainable  false only for an embedding with {@code trainable: false}
 */
public record LayerPlan(int index, String path, LayerSpec spec, String name, String kerasClass, Shape input,
                        Shape output, long params, boolean trainable) {

    /** The YAML key of the layer, e.g. {@code lstm}, {@code bidirectional}, {@code dense}. */
    public String type() {
        return spec.typeName();
    }
}
