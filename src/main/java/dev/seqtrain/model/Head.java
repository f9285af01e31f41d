package dev.seqtrain.model;

import dev.seqtrain.job.ModelSpec;

/**
 * The output layer's role: which {@link Task}, with which Keras loss ({@code binary_crossentropy},
 * {@code categorical_crossentropy}, {@code sparse_categorical_crossentropy}, {@code mse}, {@code mae}), on how many
 * units, and whether it is applied at every time step.
 */
record Head(int index, Task task, ModelSpec.Loss loss, int units, boolean perTimeStep) {
}
