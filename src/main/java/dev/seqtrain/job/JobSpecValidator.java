package dev.seqtrain.job;

import dev.seqtrain.errors.SpecException;

import java.util.List;
import java.util.Optional;

/**
 * Value checks on a bound spec: each section checks its own keys ({@code validate(path)} on the records); here are the
 * rules across sections. Returns the first problem as {@code key.path: what is wrong, got X}; the loader prefixes the
 * file name. Architectural checks (what shape feeds what) live with the model builder.
 */
public final class JobSpecValidator {

    private JobSpecValidator() {
    }

    /**
     * {@code data.train} is required by the stages that read it (prepare, run), not by the spec as such: a predict or
     * evaluate job may name only its own input. Those commands call this before Spark starts. So is
     * {@code model.input.timesteps} of a numeric model: a model alone may leave it open, as Keras'
     * {@code input_shape=(None, features)}, but every prepared row holds timesteps x features numbers.
     */
    public static Optional<String> requireTrainingData(JobSpec spec) {
        ModelSpec.InputSpec in = spec.model().input();
        if (in != null && in.timesteps() == null) {
            return Optional.of("model.input.timesteps: required to prepare numeric data: every row holds timesteps x "
                    + "features numbers, e.g. input: {timesteps: 10, features: " + in.features() + "}");
        }
        DataSpec d = spec.data();
        if (d.isDemo() || !d.train().isEmpty()) return Optional.empty();
        return Optional.of("data.train: required for format " + d.format() + ": one path or a list of paths");
    }

    public static Optional<String> validate(JobSpec spec) {
        try {
            new Checks().job(spec);
            return Optional.empty();
        } catch (SpecException p) {
            return Optional.of(p.getMessage());
        }
    }

    private static final class Checks {
        void job(JobSpec s) {
            require(s.name() != null && !s.name().isBlank(), "name", "must not be empty");
            require(s.name().matches("[A-Za-z0-9._-]+"), "name", "use letters, digits, '.', '_' or '-', got '" + s.name() + "'");
            s.data().validate("data");
            s.text().validate("text");
            s.model().validate("model");
            s.training().validate("training");
            truncatedBptt(s);
            s.output().validate("output");
            s.io().validate("io");
            s.evaluation().validate("evaluation");
            numericInput(s.data(), s.model());
            pairs(s);
        }

        /** A sequence to sequence model, its text blocks and its data columns go together. */
        void pairs(JobSpec s) {
            DataSpec d = s.data();
            if (!s.model().isSeq2Seq()) {
                require(!s.text().hasPairs(), s.text().source() != null ? "text.source" : "text.target",
                        "only for sequence to sequence (model.encoder and model.decoder); remove it");
                require(d.sourceColumn() == null && d.targetColumn() == null,
                        d.sourceColumn() != null ? "data.source_column" : "data.target_column",
                        "only for sequence to sequence (model.encoder and model.decoder); a text model reads "
                                + "data.text_column and data.label_column");
                return;
            }
            s.text().validatePairs("text");
            require(d.format() != DataSpec.Format.CONLL && d.format() != DataSpec.Format.TEXT_TREE, "data.format",
                    "sequence to sequence reads pairs of texts from tsv, csv, jsonl, parquet or demo, got '"
                            + d.format() + "'");
            require(!d.namesFeatures(), d.featuresColumn() != null ? "data.features_column" : "data.feature_columns",
                    "sequence to sequence reads data.source_column and data.target_column; remove it");
            require(s.training().tbpttLength() == null, "training.tbptt_length",
                    "not for sequence to sequence (the encoder's final state starts the decoder); remove it");
        }

        /** Numeric sequences ({@code model.input}) and the data keys that name their columns go together. */
        void numericInput(DataSpec d, ModelSpec m) {
            require(d.featuresColumn() == null || d.featureColumns().isEmpty(), "data.features_column",
                    "give either data.features_column (one cell per row) or data.feature_columns (one column per "
                            + "number), not both");
            if (m.input() == null) {
                String key = d.featuresColumn() != null ? "data.features_column" : "data.feature_columns";
                require(!d.namesFeatures(), key, "only for numeric input: add model.input: {timesteps: T, features: F}"
                        + " (and no embedding layer), or remove the key (a text model reads data.text_column)");
                return;
            }
            require(d.format().holdsNumbers(), "data.format", "numeric input (model.input) is read"
                    + " from " + numericFormats() + " (demo generates sequences), got '" + d.format() + "'");
            if (d.isDemo()) return;
            require(d.namesFeatures(), "data.features_column", "required for numeric input (model.input): the column"
                    + " holding timesteps x features numbers per row, or data.feature_columns: [one column per number]");
            if (d.featuresColumn() != null) {
                require(!d.featuresColumn().isBlank(), "data.features_column", "must not be empty");
                require(!d.featuresColumn().equals(d.labelColumn()), "data.features_column",
                        "'" + d.featuresColumn() + "' is also data.label_column");
                return;
            }
            List<String> cols = d.featureColumns();
            if (m.input().timesteps() != null) {
                int values = m.input().timesteps() * m.input().features();
                require(cols.size() == values, "data.feature_columns", "model.input is timesteps "
                        + m.input().timesteps() + " x features " + m.input().features() + " = " + values
                        + " numbers per row, but " + cols.size() + " columns are named (time-major: all features of "
                        + "step 1, then step 2, ...)");
            }
            for (int i = 0; i < cols.size(); i++) {
                String c = cols.get(i);
                require(c != null && !c.isBlank(), "data.feature_columns[" + i + "]", "must not be empty");
                require(cols.indexOf(c) == i, "data.feature_columns[" + i + "]", "'" + c + "' is named twice");
                require(!c.equals(d.labelColumn()), "data.feature_columns[" + i + "]",
                        "'" + c + "' is also data.label_column");
            }
        }

        /**
         * DL4J's truncated BPTT fits each batch in segments of {@code tbptt_length} steps, carrying the recurrent
         * state from one segment to the next. That needs labels per time step (with per-sequence labels DL4J skips
         * the batch without training) and recurrent layers that keep state: DL4J's Bidirectional does not (its
         * backward direction starts at each sequence's end, which a segment does not hold). A head fed a sequence
         * whose data has one label per sequence is refused by the architecture check.
         */
        void truncatedBptt(JobSpec s) {
            if (s.training().tbpttLength() == null) return;
            // the model, not data.format, says how labels are laid out: predict may score a tagger's raw text as tsv
            List<LayerSpec> layers = s.model().layers();
            for (int i = 0; i < layers.size() - 1; i++) {
                require(!reducesSequence(layers.get(i)), "training.tbptt_length", "truncated BPTT needs a label per "
                        + "time step (a tagger: data.format conll, return_sequences: true up to the dense head), but "
                        + "model.layers[" + i + "] (" + layers.get(i).typeName() + ") turns each sequence into one "
                        + "vector, so there is one label per sequence, which cannot be split into segments; remove "
                        + "training.tbptt_length");
            }
            for (int i = 0; i < layers.size(); i++) {
                LayerSpec l = layers.get(i);
                boolean bidirectional = l instanceof BidirectionalSpec
                        || l instanceof RecurrentSpec r && r.bidirectional();
                require(!bidirectional, "training.tbptt_length", "model.layers[" + i + "] is bidirectional: its "
                        + "backward direction reads each sequence from its end, which truncated BPTT's segments do not "
                        + "hold (DL4J keeps no bidirectional state between them); use a unidirectional layer or remove "
                        + "training.tbptt_length");
            }
        }

        /** A recurrent layer without return_sequences, or pooling: nothing above it sees time steps. */
        private static boolean reducesSequence(LayerSpec l) {
            if (l instanceof PoolingSpec) return true;
            if (l instanceof BidirectionalSpec b) return b.layer() instanceof RecurrentSpec r && !r.returnSequences();
            return l instanceof RecurrentSpec r && !r.returnSequences();
        }

        static String numericFormats() {
            return java.util.Arrays.stream(DataSpec.Format.values()).filter(DataSpec.Format::holdsNumbers)
                    .map(DataSpec.Format::toString).collect(java.util.stream.Collectors.joining(", "));
        }

        void require(boolean ok, String path, String message) {
            SpecCheck.require(ok, path, message);
        }
    }
}
