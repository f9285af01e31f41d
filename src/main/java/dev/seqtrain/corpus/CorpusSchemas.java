package dev.seqtrain.corpus;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The column layouts every reader produces; downstream jobs select these names. */
public final class CorpusSchemas {
    public static final String ID = "id";
    public static final String ORD = "ord";
    public static final String TEXT = "text";
    public static final String LABEL = "label";
    public static final String TOKENS = "tokens";
    public static final String TAGS = "tags";
    public static final String FEATURES = "features";
    public static final String SOURCE = "source";
    public static final String REASON = "reason";
    public static final String RAW = "raw";
    public static final String GOOD = "good";

    /** Rejected rows keep at most this many characters of the offending input. */
    public static final int MAX_RAW_CHARS = 1000;

    /** {@code ord} = file rank in corpus order, shifted left by this, OR the record's position inside its file. */
    public static final int ORD_FILE_SHIFT = 40;

    public static final StructType CLASSIFICATION = new StructType()
            .add(ID, DataTypes.StringType, false)
            .add(ORD, DataTypes.LongType, false)
            .add(TEXT, DataTypes.StringType, false)
            .add(LABEL, DataTypes.StringType, true);

    /** Numeric sequences: {@code features} = timesteps x features floats, time-major; label as read (class or target). */
    public static final StructType NUMERIC = new StructType()
            .add(ID, DataTypes.StringType, false)
            .add(ORD, DataTypes.LongType, false)
            .add(FEATURES, DataTypes.createArrayType(DataTypes.FloatType, false), false)
            .add(LABEL, DataTypes.StringType, true);

    public static final StructType TAGGING = new StructType()
            .add(ID, DataTypes.StringType, false)
            .add(ORD, DataTypes.LongType, false)
            .add(TOKENS, DataTypes.createArrayType(DataTypes.StringType, false), false)
            .add(TAGS, DataTypes.createArrayType(DataTypes.StringType, false), true);

    public static final StructType REJECTED = new StructType()
            .add(SOURCE, DataTypes.StringType, false)
            .add(REASON, DataTypes.StringType, false)
            .add(RAW, DataTypes.StringType, true);

    /** Every parsed record, good or rejected, without its text: what a job counts in one cheap pass. */
    public static final StructType OUTLINE = new StructType()
            .add(GOOD, DataTypes.BooleanType, false)
            .add(ORD, DataTypes.LongType, true)
            .add(LABEL, DataTypes.StringType, true);

    private CorpusSchemas() {
    }

    /** The corpus-order key of the record at {@code position} (line index, row index) of file number {@code fileRank}. */
    public static long ord(long fileRank, long position) {
        return (fileRank << ORD_FILE_SHIFT) | position;
    }

    /** The input kept in a rejected row: at most {@link #MAX_RAW_CHARS} characters. */
    public static String truncateRaw(String raw) {
        if (raw == null || raw.length() <= MAX_RAW_CHARS) return raw;
        return raw.substring(0, MAX_RAW_CHARS);
    }
}
