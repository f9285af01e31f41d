package dev.seqtrain.batch;

/**
 * The columns of prepared data ({@code prepared_dir/{train,validation}}), a contract between prepare, train and
 * evaluate: {@code id}, the input ({@code ids} or {@code features}), {@code length}, the target ({@code label},
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

    private PreparedColumns() {
    }
}
