package dev.seqtrain.corpus;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A read corpus: good rows and rejected rows (never silently dropped).
 *
 * <p>Classification rows are {@code id, ord, text, label}; tagging rows ({@code tagging == true}, CoNLL) are
 * {@code id, ord, tokens, tags}; numeric rows (read with a {@link NumericShape}) are {@code id, ord, features, label};
 * rejected rows are {@code source, reason, raw} (see {@link CorpusSchemas}). The {@code outline} has one
 * {@code (good, ord, label)} row per parsed record, good or rejected, to count both in one pass. All three are lazy
 * views of one parse ({@code parsed}), which is not cached: each action reads the input again (see
 * {@link CorpusReaders} for why).
 */
public record Corpus(Dataset<Row> rows, Dataset<Row> rejected, Dataset<Row> outline, boolean tagging,
                     JavaRDD<?> parsed) {

    /** Releases the parse if a caller persisted it. */
    public void unpersist() {
        parsed.unpersist(false);
    }
}
