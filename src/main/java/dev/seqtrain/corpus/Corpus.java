package dev.seqtrain.corpus;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A read corpus: good rows and rejected rows (never silently dropped).
 *
 * <p>Classification rows are {@code id, ord, text, label}; tagging rows ({@code tagging == true}, CoNLL) are
 * {@code id, ord, tokens, tags}; rejected rows are {@code source, reason, raw} (see {@link CorpusSchemas}). Both
 * datasets are lazy and marked for caching: the first action reads the input, later counts and passes read the
 * cache. Call {@link #unpersist()} when the corpus is no longer needed.
 */
public record Corpus(Dataset<Row> rows, Dataset<Row> rejected, boolean tagging) {

    /** Releases the cached rows and rejected rows. */
    public void unpersist() {
        rows.unpersist();
        rejected.unpersist();
    }
}
