package dev.seqtrain.model;

/** What a model predicts, derived from its head and loss; it fixes the label layout (see {@link ModelPlan}). */
public enum Task {
    /** One sigmoid unit per sequence, binary cross-entropy; labels [mb, 1]. */
    BINARY,
    /** Softmax over C classes per sequence, categorical cross-entropy; labels one-hot [mb, C]. */
    MULTICLASS,
    /** Softmax over C tags at every time step (sequence labelling); labels one-hot [mb, C, T] with a label mask. */
    TAGGING,
    /** One real value per sequence, mse or mae; labels [mb, 1]. */
    REGRESSION,
    /**
     * An encoder-decoder ({@code model.encoder} / {@code model.decoder}): softmax over the target vocabulary at every
     * decoder step; labels one-hot [mb, classes, Tt] with a label mask (see model/seq2seq).
     */
    SEQ2SEQ
}
