package dev.seqtrain.model.rnn;

import java.util.Objects;

/**
 * One recurrent layer's shape and options, with Keras' names and meaning.
 *
 * @param activation Keras {@code activation} (the candidate / cell / output nonlinearity)
 * @param recurrentActivation Keras {@code recurrent_activation} (the gates; unused by SimpleRNN)
 * @param resetAfter GRU only: Keras {@code reset_after} (true: PyTorch's formulation, bias [2, 3u])
 * @param goBackwards Keras {@code go_backwards}: the sequence is processed and returned in reverse order
 */
public record RnnSpec(CellType cell, int inputSize, int units, Nonlinearity activation,
        Nonlinearity recurrentActivation, boolean useBias, boolean resetAfter, boolean goBackwards,
        MaskedOutput maskedOutput) {

    public RnnSpec {
        Objects.requireNonNull(cell, "cell");
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(recurrentActivation, "recurrentActivation");
        Objects.requireNonNull(maskedOutput, "maskedOutput");
        if (inputSize < 1 || units < 1) {
            throw new IllegalArgumentException("input size and units must be positive: " + inputSize + ", " + units);
        }
        if (resetAfter && cell != CellType.GRU) {
            throw new IllegalArgumentException("reset_after applies to the GRU only, not " + cell);
        }
    }

    /** Keras defaults: tanh, sigmoid gates, bias, GRU reset_after, forward, Keras masked output. */
    public static RnnSpec keras(CellType cell, int inputSize, int units) {
        return new RnnSpec(cell, inputSize, units, Nonlinearity.TANH, Nonlinearity.SIGMOID, true,
                cell == CellType.GRU, false, MaskedOutput.PREVIOUS);
    }

    public RnnSpec withActivation(Nonlinearity value) {
        return new RnnSpec(cell, inputSize, units, value, recurrentActivation, useBias, resetAfter, goBackwards,
                maskedOutput);
    }

    public RnnSpec withUseBias(boolean value) {
        return new RnnSpec(cell, inputSize, units, activation, recurrentActivation, value, resetAfter, goBackwards,
                maskedOutput);
    }

    public RnnSpec withResetAfter(boolean value) {
        return new RnnSpec(cell, inputSize, units, activation, recurrentActivation, useBias, value, goBackwards,
                maskedOutput);
    }

    public RnnSpec withGoBackwards(boolean value) {
        return new RnnSpec(cell, inputSize, units, activation, recurrentActivation, useBias, resetAfter, value,
                maskedOutput);
    }

    public RnnSpec withMaskedOutput(MaskedOutput value) {
        return new RnnSpec(cell, inputSize, units, activation, recurrentActivation, useBias, resetAfter, goBackwards,
                value);
    }

    /** Columns of the kernel, recurrent kernel and bias: gates·units. */
    public int width() {
        return cell.gates() * units;
    }

    /** Rows of the bias: 0 without bias, 2 for a reset_after GRU (input and recurrent bias), else 1. */
    public int biasRows() {
        if (!useBias) {
            return 0;
        }
        return resetAfter ? 2 : 1;
    }

    /** Keras' parameter count: gates·u·(nIn + u + biasRows). */
    public long parameterCount() {
        return (long) width() * (inputSize + units + biasRows());
    }
}
