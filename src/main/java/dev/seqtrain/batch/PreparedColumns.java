package dev.seqtrain.batch;

import dev.seqtrain.job.TaskKind;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The columns of prepared data ({@code prepared_dir/{train,validation}}), a contract between prepare, train and
 * evaluate (the one place they and their schemas are defined): {@code id}, the input ({@code ids} or {@code features}), {@code length}, the target ({@code label},
 * {@code tags}, or a pair's {@code decoder_input}, {@code decoder_output} and {@code target_length}) and {@code oov}.
 */
public final class PreparedColumns {
    /** The source row: the input's id column, or file and line. */
    public static final String ID = "id";
    /** Token ids, padded and truncated to text.maxlen (0 = padding). */
    public static final String IDS = "ids";
    /** Numeric sequences, time-major {@code timesteps x features} floats. */
    public static final String FEATURES = "features";
    /** The sequence's length before padding or truncation. */
    public static final String LENGTH = "length";
    /** One class index (or regression target) per sequence. */
    public static final String LABEL = "label";
    /** One tag index per token, padded like {@link #IDS}. */
    public static final String TAGS = "tags";
    /** Sequence to sequence: the decoder's input ids (start token, target ids; 0 after), text.target.maxlen long. */
    public static final String DECODER_INPUT = "decoder_input";
    /** Sequence to sequence: what each decoder step predicts (target ids, end token; 0 after). */
    public static final String DECODER_OUTPUT = "decoder_output";
    /** Sequence to sequence: the target's token count, without the end token. */
    public static final String TARGET_LENGTH = "target_length";
    /** How many of the sequence's tokens were out of the vocabulary. */
    public static final String OOV = "oov";

    /** Tag index of a position that is not trained on or scored: padding, unknown tag, unlabelled. */
    public static final int NO_TAG = -1;

    /** A document classifier's rows: {@code (id, ids, length, label, oov)}. */
    public static final StructType CLASSIFIED = new StructType()
            .add(ID, DataTypes.StringType)
            .add(IDS, DataTypes.createArrayType(DataTypes.IntegerType, false))
            .add(LENGTH, DataTypes.IntegerType)
            .add(LABEL, DataTypes.IntegerType)
            .add(OOV, DataTypes.IntegerType);

    /** A tagger's rows: {@code (id, ids, tags, length, oov)}, ids and tags padded alike. */
    public static final StructType TAGGED = new StructType()
            .add(ID, DataTypes.StringType)
            .add(IDS, DataTypes.createArrayType(DataTypes.IntegerType, false))
            .add(TAGS, DataTypes.createArrayType(DataTypes.IntegerType, false))
            .add(LENGTH, DataTypes.IntegerType)
            .add(OOV, DataTypes.IntegerType);

    /** An encoder-decoder's pairs: the source ids and the decoder's input and output. */
    public static final StructType PAIRS = new StructType()
            .add(ID, DataTypes.StringType)
            .add(IDS, DataTypes.createArrayType(DataTypes.IntegerType, false))
            .add(LENGTH, DataTypes.IntegerType)
            .add(DECODER_INPUT, DataTypes.createArrayType(DataTypes.IntegerType, false))
            .add(DECODER_OUTPUT, DataTypes.createArrayType(DataTypes.IntegerType, false))
            .add(TARGET_LENGTH, DataTypes.IntegerType)
            .add(OOV, DataTypes.IntegerType);

    private PreparedColumns() {
    }

    /** Numeric rows: {@code label} is an int class index, or a float target when {@code targets}. */
    public static StructType numeric(boolean targets) {
        return new StructType()
                .add(ID, DataTypes.StringType)
                .add(FEATURES, DataTypes.createArrayType(DataTypes.FloatType, false))
                .add(LENGTH, DataTypes.IntegerType)
                .add(LABEL, targets ? DataTypes.FloatType : DataTypes.IntegerType);
    }

    /** The prepared schema of {@code kind}; {@code targets}: a regression's float label (numeric only). */
    public static StructType schema(TaskKind kind, boolean targets) {
        return switch (kind) {
            case TEXT_CLASSIFICATION -> CLASSIFIED;
            case TAGGING -> TAGGED;
            case NUMERIC -> numeric(targets);
            case SEQ2SEQ -> PAIRS;
        };
    }
}
