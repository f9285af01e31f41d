package dev.seqtrain.prepare;

import dev.seqtrain.text.TextTokenizer;
import dev.seqtrain.text.TokenCount;
import dev.seqtrain.text.TokenCounter;
import org.apache.spark.api.java.JavaPairRDD;
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

    /** Keras' word_index order on the shuffled form, serializable (Spark ships it to executors for takeOrdered). */
    static final class KerasRank implements Comparator<Tuple2<String, long[]>>, Serializable {
        @Override
        public int compare(Tuple2<String, long[]> a, Tuple2<String, long[]> b) {
            return TokenCount.KERAS_RANK.compare(fromStats(a), fromStats(b));
        }
    }

    private static final int COUNT = 0;
    private static final int DOCUMENTS = 1;
    private static final int FIRST_DOC = 2;
    private static final int FIRST_POS = 3;

    static long[] toStats(TokenCount c) {
        return new long[]{c.count(), c.documents(), c.firstDoc(), c.firstPos()};
    }

    static TokenCount fromStats(Tuple2<String, long[]> t) {
        long[] s = t._2();
        return new TokenCount(t._1(), s[COUNT], s[DOCUMENTS], s[FIRST_DOC], (int) s[FIRST_POS]);
    }

    /**
     * @param kept     the counts that made the vocabulary (after min_count and num_words), in Keras' rank order
     * @param distinct distinct tokens in the counted corpus, before min_count and num_words (stats.json)
     */
    public record TokenCounts(List<TokenCount> kept, long distinct) {
    }

    /** {@link TokenCount#merge} on the shuffled form: counts add up, the earlier first occurrence wins. */
    static long[] mergeStats(long[] a, long[] b) {
        boolean aFirst = a[FIRST_DOC] < b[FIRST_DOC] || (a[FIRST_DOC] == b[FIRST_DOC] && a[FIRST_POS] <= b[FIRST_POS]);
        long[] first = aFirst ? a : b;
        return new long[]{a[COUNT] + b[COUNT], a[DOCUMENTS] + b[DOCUMENTS], first[FIRST_DOC], first[FIRST_POS]};
    }

    /** How a row's tokens are counted (runs on executors); {@code ord} is at 0. */
    private interface RowCounting extends Serializable {
        void count(TokenCounter counter, TextTokenizer tokenizer, Row row);
    }

    /**
     * @param corpus rows with {@code ord} and {@code text}
     * @param limit  keep only the first {@code limit} tokens in Keras order (null: all of them)
     */
    public static TokenCounts count(Dataset<Row> corpus, Broadcast<TextTokenizer> tokenizer, int minCount,
                                         Integer limit) {
        return count(corpus.select("ord", "text"), tokenizer, minCount, limit, (counter, tok, r) -> counter.addText(r.getLong(0), r.getString(1), tok));
    }

    /**
     * The same for a pre-tokenized corpus (CoNLL sentences): rows with {@code ord} and {@code tokens}, each token
     * normalized with {@link TextTokenizer#normalizeToken} and counted whole.
     */
    public static TokenCounts countTokenLists(Dataset<Row> corpus, Broadcast<TextTokenizer> tokenizer,
                                                   int minCount, Integer limit) {
        return count(corpus.select("ord", "tokens"), tokenizer, minCount, limit,
                (counter, tok, r) -> counter.add(r.getLong(0), tok.normalizeTokens(r.getList(1))));
    }

    private static TokenCounts count(Dataset<Row> ordAndContent, Broadcast<TextTokenizer> tokenizer, int minCount,
                                          Integer limit, RowCounting rowCounting) {
        // the shuffle and takeOrdered carry (token, long[4]) rather than TokenCount records: Kryo writes those
        // natively, while records need Java serialization (see SeqtrainKryoRegistrator), several times slower
        JavaPairRDD<String, long[]> reduced = ordAndContent.javaRDD()
                .mapPartitionsToPair(rows -> {
                    TextTokenizer tok = tokenizer.value();
                    TokenCounter counter = new TokenCounter();
                    while (rows.hasNext()) {
                        rowCounting.count(counter, tok, rows.next());
                    }
                    List<Tuple2<String, long[]>> out = new ArrayList<>();
                    for (TokenCount c : counter.counts()) out.add(new Tuple2<>(c.token(), toStats(c)));
                    return out.iterator();
                })
                .reduceByKey(DistributedTokenCounts::mergeStats);
        // a second action on the reduced counts reads the shuffle output again, it does not recount the corpus
        long distinct = limit != null || minCount > 1 ? reduced.count() : -1;
        JavaPairRDD<String, long[]> counts = reduced.filter(t -> t._2()[COUNT] >= minCount);
        List<Tuple2<String, long[]>> kept = limit != null ? counts.takeOrdered(limit, new KerasRank()) : counts.collect();
        List<TokenCount> all = new ArrayList<>(kept.size());
        for (Tuple2<String, long[]> t : kept) all.add(fromStats(t));
        all.sort(TokenCount.KERAS_RANK);
        return new TokenCounts(all, distinct >= 0 ? distinct : all.size());
    }
}
