package dev.seqtrain.corpus;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A read corpus: good rows and rejected rows (never silently dropped).
 *
 * <p>Classification rows are {@code id, ord, text, label}; tagging rows ({@code tagging == true}, CoNLL) are
 * {@code id, ord, tokens, tags}; numeric rows (read with a {@link NumericShape}) are {@code id, ord, features, label};
 * rejected rows are {@code source, reason, raw} (see {@link CorpusSchemas}). Both
 * datasets are lazy views of one cached parse ({@code parsed}): the first action reads and parses the input once,
 * later counts and passes of either view read the cache. Call {@link #unpersist()} when the corpus is no longer
 * needed.
 */
public record Corpus(Dataset<Row> rows, Dataset<Row> rejected, boolean tagging, JavaRDD<?> parsed) {

    /** Releases the cache both views read from. */
    public void unpersist() {
        parsed.unpersist(false);
    }
}
