package dev.seqtrain.infer;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import static org.apache.spark.sql.functions.arrays_zip;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.posexplode_outer;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.sum;

/**
 * The driver's side of tagging with predict: what a sentence is for each input format, how many tokens lie beyond
 * maxlen, and the CSV layout (one row per token) of {@link PartitionTagger}'s output.
 */
final class TaggedPredictions {
    private TaggedPredictions() {
    }

    /**
     * Sentences {@code (id, tokens)}: CoNLL rows keep their token column; a text row (tsv, csv, jsonl, parquet,
     * text-tree, demo) is one pre-tokenized sentence split on whitespace, e.g. "The dog barked ." (as for CoNLL, the
     * tokenizer's {@code filters} and {@code split} are not applied: punctuation stays a token of its own).
     */
    static Dataset<Row> sentences(Dataset<Row> rows, boolean conll) {
        if (conll) return rows.select(col("id"), col("tokens"));
        Column words = filter(split(col("text"), "\\s+"), w -> length(w).gt(0));
        return rows.select(col("id"), words.as("tokens"));
    }

    /** How many tokens the sentences hold, and how many of them pad_sequences cuts at maxlen (they get no tag). */
    record TokenTotals(long tokens, long untagged) {
    }

    /** Both totals in one pass over the input. */
    static TokenTotals tokenTotals(Dataset<Row> sentences, int maxlen) {
        Row r = sentences.agg(sum(size(col("tokens"))), sum(greatest(size(col("tokens")).minus(maxlen), lit(0))))
                .first();
        return new TokenTotals(r.isNullAt(0) ? 0 : r.getLong(0), r.isNullAt(1) ? 0 : r.getLong(1));
    }

    /**
     * One row per token: {@code id, position} (0-based in the sentence), {@code token, tag, probability} (tag and
     * probability empty beyond maxlen). A sentence without tokens keeps one row with an empty position.
     */
    static Dataset<Row> perToken(Dataset<Row> predictions) {
        return predictions
                .select(col("id"), posexplode_outer(arrays_zip(col("tokens"), col("tags"), col("probability"))))
                .select(col("id"), col("pos").as("position"), col("col.tokens").as("token"), col("col.tags").as("tag"),
                        col("col.probability").as("probability"));
    }
}
