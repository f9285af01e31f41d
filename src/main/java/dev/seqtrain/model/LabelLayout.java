package dev.seqtrain.model;

import dev.seqtrain.job.TaskKind;

/**
 * How the data labels its examples, when the caller knows it: one label per sequence (classification, regression)
 * or one tag per token (sequence labelling, e.g. CoNLL). Lets the builder say which layer to change when the model's
 * head does not fit the data.
 */
public enum LabelLayout {
    PER_SEQUENCE, PER_TOKEN;

    /**
     * The layout a task kind's data has: PER_TOKEN for a tagger's tags, else one label per sequence (an
     * encoder-decoder's target sequences are checked by its own planner, see Seq2SeqPlan).
     */
    public static LabelLayout of(TaskKind kind) {
        return switch (kind) {
            case TAGGING -> PER_TOKEN;
            case TEXT_CLASSIFICATION, NUMERIC, SEQ2SEQ -> PER_SEQUENCE;
        };
    }
}
