package dev.seqtrain.prepare;

import dev.seqtrain.text.TextTokenizer;
import dev.seqtrain.text.TokenCount;
import dev.seqtrain.text.TokenCounter;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.Tuple2;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The vocabulary's counts, computed on executors: each partition counts its documents with {@link TokenCounter}
 * (term frequency, document frequency, first occurrence by {@code ord}), partitions merge by key. Only the reduced
 * counts reach the driver, and with {@code num_words} only the top of them, so driver memory does not grow with the
 * corpus. The result does not depend on partitioning: first occurrence is keyed by corpus order, not arrival order.
 */
public final class DistributedTokenCounts {
    private DistributedTokenCounts() {
    }

    /** Keras' word_index order as a serializable comparator (Spark ships it to executors for takeOrdered). */
    static final class KerasRank implements Comparator<TokenCount>, Serializable {
        @Override
        public int compare(TokenCount a, TokenCount b) {
            return TokenCount.KERAS_RANK.compare(a, b);
        }
    }

    /**
     * @param corpus rows with {@code ord} and {@code text}
     * @param limit  keep only the first {@code limit} tokens in Keras order (null: all of them)
     */
    public static List<TokenCount> count(Dataset<Row> corpus, Broadcast<TextTokenizer> tokenizer, int minCount,
                                         Integer limit) {
        JavaRDD<TokenCount> counts = corpus.select("ord", "text").javaRDD()
                .mapPartitionsToPair(rows -> {
                    TextTokenizer tok = tokenizer.value();
                    TokenCounter counter = new TokenCounter();
                    while (rows.hasNext()) {
                        Row r = rows.next();
                        counter.add(r.getLong(0), tok.tokenize(r.getString(1)));
                    }
                    List<Tuple2<String, TokenCount>> out = new ArrayList<>();
                    for (TokenCount c : counter.counts()) out.add(new Tuple2<>(c.token(), c));
                    return out.iterator();
                })
                .reduceByKey(TokenCount::merge)
                .values()
                .filter(c -> c.count() >= minCount);
        return top(counts, limit);
    }

    /**
     * The same for a pre-tokenized corpus (CoNLL sentences): rows with {@code ord} and {@code tokens}, each token
     * normalized with {@link TextTokenizer#normalizeToken} and counted whole.
     */
    public static List<TokenCount> countTokenLists(Dataset<Row> corpus, Broadcast<TextTokenizer> tokenizer,
                                                   int minCount, Integer limit) {
        JavaRDD<TokenCount> counts = corpus.select("ord", "tokens").javaRDD()
                .mapPartitionsToPair(rows -> {
                    TextTokenizer tok = tokenizer.value();
                    TokenCounter counter = new TokenCounter();
                    while (rows.hasNext()) {
                        Row r = rows.next();
                        counter.add(r.getLong(0), tok.normalizeTokens(r.getList(1)));
                    }
                    List<Tuple2<String, TokenCount>> out = new ArrayList<>();
                    for (TokenCount c : counter.counts()) out.add(new Tuple2<>(c.token(), c));
                    return out.iterator();
                })
                .reduceByKey(TokenCount::merge)
                .values()
                .filter(c -> c.count() >= minCount);
        return top(counts, limit);
    }

    private static List<TokenCount> top(JavaRDD<TokenCount> counts, Integer limit) {
        if (limit != null) {
            return new ArrayList<>(counts.takeOrdered(limit, new KerasRank()));
        }
        List<TokenCount> all = new ArrayList<>(counts.collect());
        all.sort(TokenCount.KERAS_RANK);
        return all;
    }
}
