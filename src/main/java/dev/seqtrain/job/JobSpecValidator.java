package dev.seqtrain.job;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Value checks on a bound spec. Returns the first problem as {@code key.path: what is wrong, got X}; the loader
 * prefixes the file name. Architectural checks (what shape feeds what) live with the model builder.
 */
public final class JobSpecValidator {

    /** Keras activation names seqtrain maps to DL4J activations. */
    public static final List<String> ACTIVATIONS = List.of("linear", "relu", "sigmoid", "tanh", "softmax", "elu",
            "selu", "softplus", "softsign", "hard_sigmoid", "swish", "gelu");
    public static final List<String> RECURRENT_ACTIVATIONS = List.of("tanh", "relu", "sigmoid", "hard_sigmoid", "linear");
    /** Early stopping's monitors, Keras' names: {@code val_mse}/{@code val_mae} for regression models. */
    public static final List<String> MONITORS = List.of("val_loss", "val_accuracy", "loss", "val_mse", "val_mae");

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
        } catch (Problem p) {
            return Optional.of(p.getMessage());
        }
    }

    private static final class Problem extends RuntimeException {
        Problem(String message) {
            super(message, null, false, false);
        }
    }

    private static final class Checks {
        void job(JobSpec s) {
            require(s.name() != null && !s.name().isBlank(), "name", "must not be empty");
            require(s.name().matches("[A-Za-z0-9._-]+"), "name", "use letters, digits, '.', '_' or '-', got '" + s.name() + "'");
            data(s.data());
            text(s.text());
            model(s.model());
            training(s.training());
            truncatedBptt(s);
            output(s.output());
            positive("io.timeout_seconds", s.io().timeoutSeconds());
            numericInput(s.data(), s.model());
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
            require(DataSpec.NUMERIC_FORMATS.contains(d.format()), "data.format", "numeric input (model.input) is read"
                    + " from " + String.join(", ", DataSpec.NUMERIC_FORMATS) + " (demo generates sequences), got '"
                    + d.format() + "'");
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

        void data(DataSpec d) {
            oneOf("data.format", d.format(), DataSpec.FORMATS);
            if (d.validationSplit() != null) {
                require(d.validationSplit() > 0 && d.validationSplit() < 1, "data.validation_split",
                        "must be between 0 and 1 (exclusive), got " + d.validationSplit());
                require(d.validation().isEmpty(), "data.validation_split", "give either data.validation or data.validation_split, not both");
            }
            require(d.maxRejectedFraction() >= 0 && d.maxRejectedFraction() <= 1, "data.max_rejected_fraction",
                    "must be between 0 and 1, got " + d.maxRejectedFraction());
            require(d.tokenColumn() >= 0, "data.token_column", "must be >= 0, got " + d.tokenColumn());
            require(d.tagColumn() >= 0, "data.tag_column", "must be >= 0, got " + d.tagColumn());
            require(d.demo().documents() >= 100, "data.demo.documents", "must be >= 100, got " + d.demo().documents());
            if (d.delimiter() != null) {
                require(d.delimiter().length() == 1, "data.delimiter", "must be one character, got '" + d.delimiter() + "'");
            }
        }

        void text(TextSpec t) {
            if (t.numWords() != null) positive("text.num_words", t.numWords());
            if (t.numWords() != null && t.oovToken() != null) {
                require(t.numWords() >= 2, "text.num_words", "must be >= 2 with an oov_token (index 1 is the OOV token), got " + t.numWords());
            }
            if (t.maxlen() != null) positive("text.maxlen", t.maxlen());
            oneOf("text.padding", t.padding(), List.of("pre", "post"));
            oneOf("text.truncating", t.truncating(), List.of("pre", "post"));
            require(!t.split().isEmpty(), "text.split", "must not be empty");
            positive("text.min_count", t.minCount());
        }

        void model(ModelSpec m) {
            require(!m.layers().isEmpty(), "model.layers", "at least one layer is required, e.g. '- dense: {units: 1, activation: sigmoid}'");
            for (int i = 0; i < m.layers().size(); i++) {
                layer("model.layers[" + i + "]", m.layers().get(i));
            }
            if (m.loss() != null) oneOf("model.loss", m.loss(), ModelSpec.LOSSES);
            OptimizerSpec o = m.optimizer();
            oneOf("model.optimizer.name", o.name(), OptimizerSpec.NAMES);
            require(o.learningRate() > 0, "model.optimizer.learning_rate", "must be > 0, got " + o.learningRate());
            require(o.momentum() >= 0 && o.momentum() < 1, "model.optimizer.momentum", "must be in [0, 1), got " + o.momentum());
            if (o.clipnorm() != null) require(o.clipnorm() > 0, "model.optimizer.clipnorm", "must be > 0, got " + o.clipnorm());
            if (o.clipvalue() != null) require(o.clipvalue() > 0, "model.optimizer.clipvalue", "must be > 0, got " + o.clipvalue());
            if (m.input() != null) {
                require(m.input().features() != null, "model.input.features", "required for numeric input");
                positive("model.input.features", m.input().features());
                if (m.input().timesteps() != null) positive("model.input.timesteps", m.input().timesteps());
            }
        }

        void layer(String path, LayerSpec l) {
            if (l instanceof EmbeddingSpec e) {
                    require(e.outputDim() != null, path + ".output_dim", "required, e.g. output_dim: 100");
                    positive(path + ".output_dim", e.outputDim());
                    if (e.inputDim() != null) positive(path + ".input_dim", e.inputDim());
            } else if (l instanceof RecurrentSpec r) {
                    require(r.units() != null, path + ".units", "required, e.g. units: 64");
                    positive(path + ".units", r.units());
                    oneOf(path + ".activation", r.activation(), RECURRENT_ACTIVATIONS);
                    oneOf(path + ".recurrent_activation", r.recurrentActivation(), RECURRENT_ACTIVATIONS);
                    fraction(path + ".dropout", r.dropout());
                    fraction(path + ".recurrent_dropout", r.recurrentDropout());
                    oneOf(path + ".merge_mode", r.mergeMode(), BidirectionalSpec.MERGE_MODES);
            } else if (l instanceof BidirectionalSpec b) {
                    require(b.layer() != null, path + ".layer", "required: the recurrent layer to wrap, e.g. layer: {lstm: {units: 64}}");
                    require(b.layer() instanceof RecurrentSpec, path + ".layer",
                            "must be simple_rnn, lstm or gru, got " + b.layer().typeName());
                    require(!((RecurrentSpec) b.layer()).bidirectional(), path + ".layer.bidirectional",
                            "the wrapped layer is already bidirectional");
                    oneOf(path + ".merge_mode", b.mergeMode(), BidirectionalSpec.MERGE_MODES);
                    layer(path + ".layer", b.layer());
            } else if (l instanceof DenseSpec d) {
                    require(d.units() != null, path + ".units", "required, e.g. units: 1");
                    positive(path + ".units", d.units());
                    oneOf(path + ".activation", d.activation(), ACTIVATIONS);
            } else if (l instanceof DropoutSpec d) {
                    require(d.rate() != null, path + ".rate", "required, e.g. rate: 0.5");
                    fraction(path + ".rate", d.rate());
            }
        }

        void training(TrainingSpec t) {
            positive("training.epochs", t.epochs());
            positive("training.batch_size_per_worker", t.batchSizePerWorker());
            positive("training.averaging_frequency", t.averagingFrequency());
            if (t.workers() != null) positive("training.workers", t.workers());
            require(t.prefetchBatches() >= 0, "training.prefetch_batches", "must be >= 0, got " + t.prefetchBatches());
            oneOf("training.approach", t.approach(), TrainingSpec.APPROACHES);
            oneOf("training.repartition", t.repartition(), TrainingSpec.REPARTITIONS);
            oneOf("training.averaging_rounds", t.averagingRounds(), TrainingSpec.AVERAGING_ROUNDS);
            if (t.tbpttLength() != null) positive("training.tbptt_length", t.tbpttLength());
            positive("training.batching.buckets", t.batching().buckets());
            require(t.progressSeconds() >= 0, "training.progress_seconds",
                    "must be >= 0 (seconds between progress lines within an epoch; 0 turns them off), got " + t.progressSeconds());
            if (t.lrSchedule() != null) lrSchedule("training.lr_schedule", t.lrSchedule());
            if (t.earlyStopping() != null) {
                oneOf("training.early_stopping.monitor", t.earlyStopping().monitor(), MONITORS);
                require(t.earlyStopping().patience() >= 0, "training.early_stopping.patience",
                        "must be >= 0, got " + t.earlyStopping().patience());
                require(t.earlyStopping().minDelta() >= 0, "training.early_stopping.min_delta",
                        "must be >= 0, got " + t.earlyStopping().minDelta());
            }
        }

        /** A recurrent layer without return_sequences, or pooling: nothing above it sees time steps. */
        private static boolean reducesSequence(LayerSpec l) {
            if (l instanceof PoolingSpec) return true;
            if (l instanceof BidirectionalSpec b) return b.layer() instanceof RecurrentSpec r && !r.returnSequences();
            return l instanceof RecurrentSpec r && !r.returnSequences();
        }

        void lrSchedule(String path, LearningRateScheduleSpec s) {
            String types = String.join(", ", LearningRateScheduleSpec.TYPES);
            require(s.type() != null, path + ".type", "required: one of " + types + ", e.g. {type: exponential_decay, "
                    + "decay_rate: 0.9, decay_epochs: 1}");
            oneOf(path + ".type", s.type(), LearningRateScheduleSpec.TYPES);
            List<String> takes = LearningRateScheduleSpec.KEYS.get(s.type());
            Map<String, Object> given = new LinkedHashMap<>();
            given.put("decay_rate", s.decayRate());
            given.put("decay_epochs", s.decayEpochs());
            given.put("staircase", s.staircase());
            given.put("alpha", s.alpha());
            given.put("boundaries", s.boundaries());
            given.put("values", s.values());
            given.forEach((key, value) -> require(value == null || takes.contains(key), path + "." + key,
                    "not a key of type " + s.type() + " (it takes " + String.join(", ", takes) + "); remove it"));
            switch (s.type()) {
                case LearningRateScheduleSpec.EXPONENTIAL_DECAY, LearningRateScheduleSpec.STEP -> {
                    require(s.decayRate() != null, path + ".decay_rate", "required for type " + s.type()
                            + ": the factor per decay_epochs epochs, e.g. decay_rate: 0.9");
                    require(s.decayRate() > 0, path + ".decay_rate", "must be > 0, got " + s.decayRate());
                    decayEpochs(path, s);
                }
                case LearningRateScheduleSpec.COSINE_DECAY -> {
                    decayEpochs(path, s);
                    require(s.alpha() >= 0 && s.alpha() <= 1, path + ".alpha",
                            "must be in [0, 1] (the final rate as a fraction of the initial one), got " + s.alpha());
                }
                default -> piecewise(path, s.boundaries(), s.values());
            }
        }

        private void decayEpochs(String path, LearningRateScheduleSpec s) {
            require(s.decayEpochs() != null, path + ".decay_epochs", "required for type " + s.type()
                    + ": the number of epochs the decay is counted in, e.g. decay_epochs: 1");
            positive(path + ".decay_epochs", s.decayEpochs());
        }

        private void piecewise(String path, List<Integer> boundaries, List<Double> values) {
            require(boundaries != null && !boundaries.isEmpty(), path + ".boundaries",
                    "required for type piecewise_constant: the last epoch of each rate but the last, e.g. [3, 6]");
            require(values != null, path + ".values", "required for type piecewise_constant: one rate per range, "
                    + "one more than boundaries, e.g. [0.01, 0.005, 0.001]");
            for (int i = 0; i < boundaries.size(); i++) {
                Integer b = boundaries.get(i);
                require(b != null && b >= 1, path + ".boundaries[" + i + "]", "must be an epoch number >= 1, got " + b);
                require(i == 0 || b > boundaries.get(i - 1), path + ".boundaries",
                        "must be increasing epoch numbers, got " + boundaries);
            }
            require(values.size() == boundaries.size() + 1, path + ".values", String.format(
                    "needs one more entry than boundaries (%d boundaries -> %d values), got %d",
                    boundaries.size(), boundaries.size() + 1, values.size()));
            for (int i = 0; i < values.size(); i++) {
                Double v = values.get(i);
                require(v != null && v >= 0, path + ".values[" + i + "]", "must be a learning rate >= 0, got " + v);
            }
        }

        void output(OutputSpec o) {
            require(o.dir() != null && !o.dir().isBlank(), "output.dir", "required: where the model directory goes (e.g. --set output.dir=/tmp/model)");
            oneOf("output.if_exists", o.ifExists(), OutputSpec.IF_EXISTS);
            oneOf("output.prepared_format", o.preparedFormat(), OutputSpec.PREPARED_FORMATS);
            positive("output.lock_stale_minutes", o.lockStaleMinutes());
            require(o.signingKey() == null || OutputSpec.isKeyReference(o.signingKey()),
                    "output.signing_key", "must be env:NAME or file:PATH (where the key is, never the key itself)");
        }

        void positive(String path, Number v) {
            require(v != null && v.doubleValue() > 0, path, "must be > 0, got " + v);
        }

        void fraction(String path, Double v) {
            require(v >= 0 && v < 1, path, "must be in [0, 1), got " + v);
        }

        void oneOf(String path, String v, List<String> allowed) {
            require(v != null && allowed.contains(v), path, "must be one of " + String.join(", ", allowed) + ", got '" + v + "'");
        }

        void require(boolean ok, String path, String message) {
            if (!ok) throw new Problem(path + ": " + message);
        }
    }
}
