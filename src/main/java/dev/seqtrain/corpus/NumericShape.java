package dev.seqtrain.corpus;

import java.io.Serializable;

/**
 * What every row of numeric input must hold: {@code timesteps x features} finite numbers (Keras'
 * {@code input_shape=(timesteps, features)}), and whether its label is a number (a regression target) rather than a
 * class name.
 */
public record NumericShape(int timesteps, int features, boolean numericLabel) implements Serializable {

    /** Numbers per row. */
    public int values() {
        return timesteps * features;
    }

    /** The same shape with labels read as classes or targets: predict input ignores its labels. */
    public NumericShape withNumericLabel(boolean numeric) {
        return new NumericShape(timesteps, features, numeric);
    }

    /** "timesteps 10 x features 3 = 30 numbers", for messages. */
    public String describe() {
        return "timesteps " + timesteps + " x features " + features + " = " + values() + " numbers";
    }
}
