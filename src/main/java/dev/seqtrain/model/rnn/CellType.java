package dev.seqtrain.model.rnn;

/** The recurrent cells of the engine, with their number of gate blocks (Keras' weight layout has gates·units columns). */
public enum CellType {
    /** Keras {@code SimpleRNN}, PyTorch {@code nn.RNN}: one block. */
    SIMPLE_RNN(1),
    /** Keras {@code LSTM}: blocks i, f, c, o (PyTorch's i, f, g, o). */
    LSTM(4),
    /** Keras {@code GRU}: blocks z, r, h (PyTorch's r, z, n reordered). */
    GRU(3);

    private final int gates;

    CellType(int gates) {
        this.gates = gates;
    }

    public int gates() {
        return gates;
    }
}
