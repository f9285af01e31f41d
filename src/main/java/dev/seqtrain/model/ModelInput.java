package dev.seqtrain.model;

/**
 * What the prepared data tells the model builder.
 *
 * @param vocabularySize the {@code embedding} layer's {@code input_dim} when the spec leaves it out: the tokenizer's
 *                       number of ids (index 0 = padding), i.e. ids lie in {@code [0, vocabularySize)}
 * @param timesteps      the padded length ({@code text.maxlen}); {@code null} when batches are padded per batch
 * @param numClasses     the number of labels (or tags) in {@code labels.json}; 0 when unknown or for regression
 */
public record ModelInput(int vocabularySize, Integer timesteps, int numClasses) {
}
