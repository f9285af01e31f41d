package dev.seqtrain.batch;

/**
 * The columns of prepared data ({@code prepared_dir/{train,validation}}), a contract between prepare, train and
 * evaluate: {@code id}, the input ({@code ids} or {@code features}), {@code length}, the target ({@code label} or
 * {@code tags}) and {@code oov}.
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
    /** How many of the sequence's tokens were out of the vocabulary. */
    public static final String OOV = "oov";

    private PreparedColumns() {
    }
}
