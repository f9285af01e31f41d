package dev.seqtrain.job;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The kind of task a job trains for, chosen once from the spec ({@link #of(JobSpec)}) and stored as
 * {@code task_kind} in {@code prepared.json} and the model directory's {@code labels.json}. Every stage dispatches on
 * it with a {@code switch} without {@code default}, so a new kind compiles only once every stage handles it (see
 * docs/development.md, "Adding a task kind").
 */
public enum TaskKind {
    /** One class per document of text (csv, tsv, jsonl, text trees, parquet, demo). */
    @JsonProperty("text_classification") TEXT_CLASSIFICATION,
    /** One tag per token of a CoNLL sentence. */
    @JsonProperty("tagging") TAGGING,
    /** Numeric sequences ({@code model.input}): a class or a regression target per sequence. */
    @JsonProperty("numeric") NUMERIC,
    /** Source text to target text ({@code model.encoder} / {@code model.decoder}). */
    @JsonProperty("seq2seq") SEQ2SEQ;

    /** The {@code task_kind} field of prepared.json and labels.json. */
    public static final String FIELD = "task_kind";

    /** The kind a spec trains for; the one place a spec's kind is decided. */
    public static TaskKind of(JobSpec spec) {
        if (spec.model().isSeq2Seq()) return SEQ2SEQ;
        if (spec.data().format() == DataSpec.Format.CONLL) return TAGGING;
        if (spec.model().input() != null) return NUMERIC;
        return TEXT_CLASSIFICATION;
    }

    /*
     * Directories written before task_kind was stored: the one place their kind is derived from what they hold.
     */

    /** Prepared data without {@code task_kind}: prepared.json's {@code input} and labels.json's {@code kind}. */
    public static TaskKind ofOlderPrepared(String input, String labelsKind) {
        return derive("numeric".equals(input), "pairs".equals(input), labelsKind);
    }

    /** A model directory without {@code task_kind}: its job.yaml and labels.json's {@code kind}. */
    public static TaskKind ofOlderModel(JobSpec trainedWith, String labelsKind) {
        return derive(trainedWith.model().input() != null, trainedWith.model().isSeq2Seq(), labelsKind);
    }

    private static TaskKind derive(boolean numericInput, boolean pairs, String labelsKind) {
        if (pairs) return SEQ2SEQ;
        if (numericInput) return NUMERIC;
        if ("tag".equals(labelsKind)) return TAGGING;
        return TEXT_CLASSIFICATION;
    }

    /** The stored kind {@code spelling}, or {@code legacy} when it is absent (null). */
    public static TaskKind stored(String spelling, String source, java.util.function.Supplier<TaskKind> legacy) {
        if (spelling == null) return legacy.get();
        return SpecValues.parse(TaskKind.class, spelling).orElseThrow(() -> new IllegalArgumentException(
                source + ": unknown " + FIELD + " '" + spelling + "', expected one of "
                        + SpecValues.spellings(TaskKind.class)));
    }

    /** Token ids (a tokenizer.json) rather than numeric sequences. */
    public boolean tokenInput() {
        return switch (this) {
            case TEXT_CLASSIFICATION, TAGGING, SEQ2SEQ -> true;
            case NUMERIC -> false;
        };
    }

    @Override
    public String toString() {
        return SpecValues.spelling(this);
    }
}
