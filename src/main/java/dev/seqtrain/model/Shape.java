package dev.seqtrain.model;

/**
 * A layer's output shape as Keras prints it, batch dimension first: {@code (None, 80, 64)} for a sequence,
 * {@code (None, 64)} for a vector. {@code timesteps} is {@code null} when sequences have no fixed length.
 */
public record Shape(boolean sequence, Integer timesteps, int features) {

    public static Shape sequence(Integer timesteps, int features) {
        return new Shape(true, timesteps, features);
    }

    public static Shape vector(int features) {
        return new Shape(false, null, features);
    }

    public Shape withFeatures(int newFeatures) {
        return new Shape(sequence, timesteps, newFeatures);
    }

    @Override
    public String toString() {
        return sequence
                ? "(None, " + (timesteps == null ? "None" : timesteps) + ", " + features + ")"
                : "(None, " + features + ")";
    }
}
