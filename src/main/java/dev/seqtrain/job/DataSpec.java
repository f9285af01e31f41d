package dev.seqtrain.job;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.seqtrain.demo.DemoNumbers;

import java.util.List;

import static dev.seqtrain.job.SpecCheck.require;

/**
 * Where the corpus is and how to read it. {@code train} and {@code validation} take one Hadoop path (glob allowed)
 * or a list of them. {@code classes} (Keras' {@code class_names}) picks the label folders of a text tree to read; empty
 * reads them all. {@code encoding_errors} ({@link EncodingErrors}) says what a row whose bytes are not UTF-8 becomes.
 * <p>
 * Numeric sequences ({@code model.input}) are read from {@code features_column} (one cell holding timesteps x features
 * numbers, time-major: a Parquet array, flat or nested per step, or numbers separated by spaces) or from
 * {@code feature_columns} (one scalar column per number, time-major); the other text keys do not apply then.
 * <p>
 * Pairs of texts for sequence to sequence ({@code model.encoder}) are read from {@code source_column} and
 * {@code target_column} (defaults {@code source} and {@code target}) by the same readers, in place of the text and
 * label columns (see {@link #pairColumns()}).
 */
public record DataSpec(
        @JsonProperty("format") Format format,
        @JsonProperty("train") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> train,
        @JsonProperty("validation") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> validation,
        @JsonProperty("test") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> test,
        @JsonProperty("validation_split") Double validationSplit,
        @JsonProperty("text_column") String textColumn,
        @JsonProperty("label_column") String labelColumn,
        @JsonProperty("id_column") String idColumn,
        @JsonProperty("token_column") Integer tokenColumn,
        @JsonProperty("tag_column") Integer tagColumn,
        @JsonProperty("delimiter") String delimiter,
        @JsonProperty("header") Boolean header,
        @JsonProperty("max_rejected_fraction") Double maxRejectedFraction,
        @JsonProperty("demo") DemoSpec demo,
        @JsonProperty("classes") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> classes,
        @JsonProperty("features_column") String featuresColumn,
        @JsonProperty("feature_columns") List<String> featureColumns,
        @JsonProperty("encoding_errors") EncodingErrors encodingErrors,
        @JsonProperty("source_column") String sourceColumn,
        @JsonProperty("target_column") String targetColumn) {

    /** {@code data.format}: how the corpus files are laid out. */
    public enum Format {
        /** The embedded generated corpus; no files. */
        @JsonProperty("demo") DEMO,
        /** One folder per label, one file per document (Keras' {@code text_dataset_from_directory}). */
        @JsonProperty("text-tree") TEXT_TREE,
        @JsonProperty("tsv") TSV,
        @JsonProperty("csv") CSV,
        @JsonProperty("jsonl") JSONL,
        @JsonProperty("parquet") PARQUET,
        /** Token per line, blank line between sentences: sequence labelling. */
        @JsonProperty("conll") CONLL;

        /** Whether numeric sequences ({@code model.input}) can be read in this format ({@code demo} generates them). */
        public boolean holdsNumbers() {
            return this != TEXT_TREE && this != CONLL;
        }

        @Override
        public String toString() {
            return SpecValues.spelling(this);
        }
    }

    public DataSpec {
        if (format == null) format = Format.DEMO;
        if (train == null) train = List.of();
        if (validation == null) validation = List.of();
        if (test == null) test = List.of();
        if (validationSplit == null && validation.isEmpty()) validationSplit = 0.2;
        if (textColumn == null) textColumn = "text";
        if (labelColumn == null) labelColumn = "label";
        if (tokenColumn == null) tokenColumn = 0;
        if (tagColumn == null) tagColumn = 1;
        if (header == null) header = true;
        if (maxRejectedFraction == null) maxRejectedFraction = 0.01;
        if (demo == null) demo = new DemoSpec(null, null);
        if (classes == null) classes = List.of();
        if (featureColumns == null) featureColumns = List.of();
        if (encodingErrors == null) encodingErrors = EncodingErrors.STRICT;
    }

    /** Without {@code encoding_errors}: strict. */
    public DataSpec(Format format, List<String> train, List<String> validation, List<String> test, Double validationSplit,
                    String textColumn, String labelColumn, String idColumn, Integer tokenColumn, Integer tagColumn,
                    String delimiter, Boolean header, Double maxRejectedFraction, DemoSpec demo, List<String> classes,
                    String featuresColumn, List<String> featureColumns) {
        this(format, train, validation, test, validationSplit, textColumn, labelColumn, idColumn, tokenColumn, tagColumn,
                delimiter, header, maxRejectedFraction, demo, classes, featuresColumn, featureColumns, null);
    }

    /** Without the pair columns. */
    public DataSpec(Format format, List<String> train, List<String> validation, List<String> test, Double validationSplit,
                    String textColumn, String labelColumn, String idColumn, Integer tokenColumn, Integer tagColumn,
                    String delimiter, Boolean header, Double maxRejectedFraction, DemoSpec demo, List<String> classes,
                    String featuresColumn, List<String> featureColumns, EncodingErrors encodingErrors) {
        this(format, train, validation, test, validationSplit, textColumn, labelColumn, idColumn, tokenColumn, tagColumn,
                delimiter, header, maxRejectedFraction, demo, classes, featuresColumn, featureColumns, encodingErrors,
                null, null);
    }

    /** The source column of a pair corpus: {@code data.source_column}, default {@code source}. */
    public String resolvedSourceColumn() {
        return sourceColumn == null ? "source" : sourceColumn;
    }

    /** The target column of a pair corpus: {@code data.target_column}, default {@code target}. */
    public String resolvedTargetColumn() {
        return targetColumn == null ? "target" : targetColumn;
    }

    /**
     * The same corpus read as pairs: the readers' text and label columns become the source and target columns, so
     * the readers, rejected rows and splits of the other tasks read pairs unchanged (a missing target is a rejected row).
     */
    public DataSpec pairColumns() {
        return new DataSpec(format, train, validation, test, validationSplit, resolvedSourceColumn(),
                resolvedTargetColumn(), idColumn, tokenColumn, tagColumn, delimiter, header, maxRejectedFraction, demo,
                classes, featuresColumn, featureColumns, encodingErrors, resolvedSourceColumn(), resolvedTargetColumn());
    }

    /** The key a message names for the text column: {@code data.source_column} when reading pairs. */
    public String textColumnKey() {
        return sourceColumn != null ? "data.source_column" : "data.text_column";
    }

    /** The key a message names for the label column: {@code data.target_column} when reading pairs. */
    public String labelColumnKey() {
        return targetColumn != null ? "data.target_column" : "data.label_column";
    }

    /** The checks of this section's own keys; {@code path} is where it sits in the spec ({@code data}). */
    public void validate(String path) {
        if (validationSplit != null) {
            require(validationSplit > 0 && validationSplit < 1, path + ".validation_split",
                    "must be between 0 and 1 (exclusive), got " + validationSplit);
            require(validation.isEmpty(), path + ".validation_split", "give either " + path + ".validation or " + path
                    + ".validation_split, not both");
        }
        require(maxRejectedFraction >= 0 && maxRejectedFraction <= 1, path + ".max_rejected_fraction",
                "must be between 0 and 1, got " + maxRejectedFraction);
        require(tokenColumn >= 0, path + ".token_column", "must be >= 0, got " + tokenColumn);
        require(tagColumn >= 0, path + ".tag_column", "must be >= 0, got " + tagColumn);
        demo.validate(path + ".demo");
        if (delimiter != null) {
            require(delimiter.length() == 1, path + ".delimiter", "must be one character, got '" + delimiter + "'");
        }
        if (sourceColumn != null || targetColumn != null) {
            require(!resolvedSourceColumn().isBlank(), path + ".source_column", "must not be empty");
            require(!resolvedTargetColumn().isBlank(), path + ".target_column", "must not be empty");
            require(!resolvedSourceColumn().equals(resolvedTargetColumn()), path + ".target_column",
                    "'" + resolvedTargetColumn() + "' is also " + path + ".source_column");
        }
    }

    /** Whether the spec names numeric feature columns ({@code features_column} or {@code feature_columns}). */
    public boolean namesFeatures() {
        return featuresColumn != null || !featureColumns.isEmpty();
    }

    public boolean isDemo() {
        return format == Format.DEMO;
    }

    /** The embedded demo corpus: generated, seeded, deterministic. */
    public record DemoSpec(
            @JsonProperty("documents") Integer documents,
            @JsonProperty("seed") Long seed,
            @JsonProperty("max_number") Integer maxNumber,
            @JsonProperty("held_out") Double heldOut) {
        public DemoSpec {
            if (documents == null) documents = 20_000;
            if (seed == null) seed = 7L;
            if (maxNumber == null) maxNumber = 999;
            if (heldOut == null) heldOut = 0.1;
        }

        public DemoSpec(Integer documents, Long seed) {
            this(documents, seed, null, null);
        }

        void validate(String path) {
            require(documents >= 100, path + ".documents", "must be >= 100, got " + documents);
            require(maxNumber >= 99 && maxNumber <= DemoNumbers.LIMIT, path + ".max_number",
                    "must be between 99 and " + DemoNumbers.LIMIT + ", got " + maxNumber);
            require(heldOut > 0 && heldOut <= 0.5, path + ".held_out", "must be > 0 and <= 0.5, got " + heldOut);
        }
    }
}
