package dev.seqtrain.model;

/**
 * How the data labels its examples, when the caller knows it: one label per sequence (classification, regression)
 * or one tag per token (sequence labelling, e.g. CoNLL). Lets the builder say which layer to change when the model's
 * head does not fit the data.
 */
public enum LabelLayout {
    PER_SEQUENCE, PER_TOKEN
}
