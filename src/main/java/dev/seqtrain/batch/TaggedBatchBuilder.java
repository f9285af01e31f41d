package dev.seqtrain.batch;

import dev.seqtrain.prepare.TaggedSequenceIndexer;
import org.apache.spark.sql.Row;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * Prepared tagging rows {@code (ids, tags)} → DL4J mini-batches, on executors (ModelPlan's TAGGING layout): features
 * {@code [mb, 1, T]} ids as floats, feature mask {@code [mb, T]} (1 = real token, id != 0) when the embedding masks
 * zeros, labels one-hot {@code [mb, C, T]} and label mask {@code [mb, T]}: 1 where the tag index is >= 0, so padding
 * and unknown tags add nothing to the loss or to DL4J's {@code Evaluation} (token accuracy).
 *
 * <p>With a feature mask each batch is cut to the columns that hold real tokens in some row, as {@link BatchBuilder}
 * does, and rows are bucketed by length (see {@link #batches}); without a mask the padded length is kept (padding is
 * then input, as in Keras) but still not scored.
 */
public final class TaggedBatchBuilder implements RowBatcher {
    private final int batchSize;
    private final int numTags;
    private final boolean masked;
    /** training.tbptt_length, 0 without truncated BPTT. */
    private final int tbpttLength;

    public TaggedBatchBuilder(int batchSize, int numTags, boolean masked) {
        this(batchSize, numTags, masked, null);
    }

    public TaggedBatchBuilder(int batchSize, int numTags, boolean masked, Integer tbpttLength) {
        this.batchSize = batchSize;
        this.numTags = numTags;
        this.masked = masked;
        this.tbpttLength = tbpttLength == null ? 0 : tbpttLength;
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    @Override
    public String labelColumn() {
        return "tags";
    }

    /**
     * Rows are taken {@link #BUCKET_BATCHES} batches' worth at a time, sorted by sentence length and cut into
     * batches, whose order is then shuffled (seeded: the same rows give the same batches). Sentences of similar length
     * share a batch, so a masked batch is cut to little more than its real tokens (with shuffled rows of natural
     * text, padding was most of the work); the rows' order across windows still comes from the epoch's shuffle.
     */
    @Override
    public Iterator<DataSet> batches(Iterator<Row> rows) {
        // lazy, one window at a time: one-hot [mb, C, T] labels of a whole partition would not fit in memory
        return new Iterator<>() {
            private final Deque<DataSet> ready = new ArrayDeque<>();

            @Override
            public boolean hasNext() {
                if (ready.isEmpty() && rows.hasNext()) {
                    List<Row> window = new ArrayList<>(batchSize * BUCKET_BATCHES);
                    while (rows.hasNext() && window.size() < batchSize * BUCKET_BATCHES) window.add(rows.next());
                    ready.addAll(bucket(window));
                }
                return !ready.isEmpty();
            }

            @Override
            public DataSet next() {
                if (!hasNext()) throw new NoSuchElementException();
                return ready.removeFirst();
            }
        };
    }

    /** Batches drawn from one window of rows. */
    static final int BUCKET_BATCHES = 20;

    private List<DataSet> bucket(List<Row> window) {
        List<Row> sorted = new ArrayList<>(window);
        sorted.sort(Comparator.comparingInt(TaggedBatchBuilder::realTokens));
        List<DataSet> batches = new ArrayList<>();
        for (int from = 0; from < sorted.size(); from += batchSize) {
            batches.add(batch(sorted.subList(from, Math.min(sorted.size(), from + batchSize))));
        }
        Collections.shuffle(batches, new Random(window.size() * 31L + realTokens(window.get(0))));
        return batches;
    }

    private static int realTokens(Row r) {
        int n = 0;
        for (Object id : r.getList(0)) if ((Integer) id != 0) n++;
        return n;
    }

    DataSet batch(List<Row> rows) {
        int mb = rows.size();
        int maxlen = rows.get(0).getList(0).size();
        int[][] ids = new int[mb][maxlen];
        int[][] tags = new int[mb][maxlen];
        for (int i = 0; i < mb; i++) {
            List<Integer> idList = rows.get(i).getList(0);
            List<Integer> tagList = rows.get(i).getList(1);
            for (int t = 0; t < maxlen; t++) {
                ids[i][t] = idList.get(t);
                tags[i][t] = tagList.get(t);
            }
        }
        return cut(ids, tags).data();
    }

    /** A batch and the padded position its first column holds ({@code start}: masked batches are cut). */
    public record Cut(DataSet data, int start) {
    }

    /**
     * Padded ids and tag indices ({@code NO_TAG} where nothing is scored) of rows in the given order, all of one
     * length, as one batch cut to the columns that hold a real token in some row when masked. Predict reads the
     * network's output column {@code t} as padded position {@code start + t}.
     */
    public Cut cut(int[][] ids, int[][] tags) {
        int mb = ids.length;
        int maxlen = ids[0].length;
        int from = maxlen;
        int to = 0;
        for (int[] row : ids) {
            for (int t = 0; t < maxlen; t++) {
                if (row[t] != 0) {
                    from = Math.min(from, t);
                    to = Math.max(to, t + 1);
                }
            }
        }
        int start = 0;
        int end = maxlen;
        if (masked && to > from) {
            start = from;
            end = to;
        }
        int len = end - start;
        // DL4J 1.0.0-M2.1 fails a one-row batch whose last truncated-BPTT segment is one step long ("Per output
        // masking for MCXENT + softmax"): one more masked step at the end avoids it and changes nothing, since tbptt
        // layers are unidirectional and the step is neither input (mask) nor scored (label mask)
        int width = tbpttLength > 1 && mb == 1 && len % tbpttLength == 1 ? len + 1 : len;
        float[] feat = new float[mb * width];
        float[] featMask = masked ? new float[mb * width] : null;
        float[] labels = new float[mb * numTags * width];
        float[] labelMask = new float[mb * width];
        for (int i = 0; i < mb; i++) {
            for (int t = 0; t < len; t++) {
                int id = ids[i][start + t];
                int tag = tags[i][start + t];
                feat[i * width + t] = id;
                if (masked && id != 0) featMask[i * width + t] = 1f;
                if (tag != TaggedSequenceIndexer.NO_TAG) {
                    labels[(i * numTags + tag) * width + t] = 1f;
                    labelMask[i * width + t] = 1f;
                }
            }
        }
        INDArray features = Nd4j.create(feat, new long[]{mb, 1, width}, 'c');
        INDArray featureMask = masked ? Nd4j.create(featMask, new long[]{mb, width}, 'c') : null;
        return new Cut(new DataSet(features, Nd4j.create(labels, new long[]{mb, numTags, width}, 'c'), featureMask,
                Nd4j.create(labelMask, new long[]{mb, width}, 'c')), start);
    }
}
