package dev.seqtrain.prepare;

import dev.seqtrain.job.SequenceEnd;
import dev.seqtrain.batch.PreparedColumns;
import dev.seqtrain.text.LabelIndex;
import dev.seqtrain.text.SequencePadding;
import dev.seqtrain.text.TextEncoder;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The tagging twin of {@link SequenceIndexer}, on executors: CoNLL rows {@code (id, tokens, tags)} become
 * {@code (id, ids, tags, length, oov)}. Each token is normalized whole ({@code TextTokenizer.normalizeToken}) and
 * gets exactly one id (the OOV id when it is not in the vocabulary: tagging requires {@code oov_token}), so ids and
 * tags have the same length and are padded and truncated by the same {@code pad_sequences} call.
 *
 * <p>{@code tags} holds tag indices with {@link #NO_TAG} (-1) at padding positions, for a tag the index does not know
 * (a validation tag never seen in training) and for unlabelled input: -1 is the label mask (no loss, not counted in
 * accuracy). {@code length} is the sentence length before padding or truncation; {@code oov} counts its OOV tokens.
 */
public final class TaggedSequenceIndexer implements Serializable {
    /** Tag index of a position that is not trained on or scored: padding, unknown tag, unlabelled. */
    public static final int NO_TAG = PreparedColumns.NO_TAG;

    private final Broadcast<TextEncoder> encoder;
    private final Broadcast<LabelIndex> tags;
    private final int maxlen;
    private final SequenceEnd padding;
    private final SequenceEnd truncating;
    private final int value;

    public TaggedSequenceIndexer(Broadcast<TextEncoder> encoder, Broadcast<LabelIndex> tags, int maxlen,
                                 SequenceEnd padding, SequenceEnd truncating, int value) {
        this.encoder = encoder;
        this.tags = tags;
        this.maxlen = maxlen;
        this.padding = padding;
        this.truncating = truncating;
        this.value = value;
    }

    /** Rows with columns {@code id}, {@code tokens} and {@code tags} (null for unlabelled sentences). */
    public Dataset<Row> index(SparkSession spark, Dataset<Row> corpus) {
        JavaRDD<Row> out = corpus.select("id", "tokens", "tags").javaRDD().mapPartitions(it -> {
            TextEncoder enc = encoder.value();
            LabelIndex index = tags.value();
            List<Row> rows = new ArrayList<>();
            while (it.hasNext()) {
                Row r = it.next();
                List<String> tokens = r.getList(1);
                int[] ids = encode(enc, tokens);
                int[] tagIds = tagIndices(r.isNullAt(2) ? null : r.getList(2), tokens.size(), index);
                int oov = 0;
                for (int id : ids) if (id == enc.oovIndex()) oov++;
                rows.add(RowFactory.create(r.getString(0),
                        boxed(SequencePadding.pad(ids, maxlen, padding, truncating, value)),
                        boxed(SequencePadding.pad(tagIds, maxlen, padding, truncating, NO_TAG)),
                        ids.length, oov));
            }
            return rows.iterator();
        });
        return spark.createDataFrame(out, PreparedColumns.TAGGED);
    }

    /** One id per token: each token normalized whole, unknown tokens get the OOV id (tagging requires one). */
    public static int[] encode(TextEncoder encoder, List<String> tokens) {
        int[] ids = encoder.encodeTokens(encoder.tokenizer().normalizeTokens(tokens));
        if (ids.length != tokens.size()) {
            throw new IllegalStateException("tagging needs one id per token: is text.oov_token set?");
        }
        return ids;
    }

    private static int[] tagIndices(List<String> tags, int n, LabelIndex index) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) out[i] = tags == null ? NO_TAG : index.indexOf(tags.get(i));
        return out;
    }

    /** The longest sentence in tokens: what pad_sequences pads to when maxlen is not given. */
    public static int longest(Dataset<Row> corpus) {
        Integer max = corpus.select("tokens").javaRDD().map(r -> r.getList(0).size()).fold(0, Math::max);
        return Math.max(1, max);
    }

    private static Integer[] boxed(int[] a) {
        Integer[] b = new Integer[a.length];
        for (int i = 0; i < a.length; i++) b[i] = a[i];
        return b;
    }
}
