package dev.seqtrain.batch;

import dev.seqtrain.job.BatchingSpec;
import org.apache.spark.sql.Row;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Iterator;
import java.util.List;

/**
 * Prepared tagging rows {@code (ids, tags)} → DL4J mini-batches, on executors (ModelPlan's TAGGING layout): features
 * {@code [mb, 1, T]} ids as floats, feature mask {@code [mb, T]} (1 = real token, id != 0) when the embedding masks
 * zeros, labels one-hot {@code [mb, C, T]} and label mask {@code [mb, T]}: 1 where the tag index is >= 0, so padding
 * and unknown tags add nothing to the loss or to DL4J's {@code Evaluation} (token accuracy).
 *
 * <p>T follows {@link PaddedColumns}, as in {@link BatchBuilder}: with dynamic padding and a feature mask, the columns
 * that hold a real token or a scored tag in some row; without a mask the padded length is kept (padding is then input,
 * as in Keras) but still not scored. Rows of similar length share a batch when the epoch is bucketed
 * ({@link LengthBuckets}).
 */
public final class TaggedBatchBuilder implements RowBatcher {
    private final Batching batching;
    private final int numTags;
    /** training.tbptt_length, 0 without truncated BPTT. */
    private final int tbpttLength;

    /** Dynamic padding, no bucketing: how predict batches its sentences. */
    public TaggedBatchBuilder(int batchSize, int numTags, boolean masked) {
        this(batchSize, numTags, masked, null);
    }

    public TaggedBatchBuilder(int batchSize, int numTags, boolean masked, Integer tbpttLength) {
        this(batchSize, numTags, masked, tbpttLength, true, BatchingSpec.Padding.DYNAMIC, 1);
    }

    public TaggedBatchBuilder(int batchSize, int numTags, boolean masked, Integer tbpttLength, boolean prePadded,
                              BatchingSpec.Padding padding, int buckets) {
        this.batching = new Batching(batchSize, masked, prePadded, padding, buckets);
        this.numTags = numTags;
        this.tbpttLength = tbpttLength == null ? 0 : tbpttLength;
    }

    @Override
    public Batching batching() {
        return batching;
    }

    @Override
    public String labelColumn() {
        return PreparedColumns.TAGS;
    }

    @Override
    public Iterator<DataSet> batches(Iterator<Row> rows) {
        // lazy: one-hot [mb, C, T] labels of a whole partition would not fit in memory
        return RowChunks.batches(rows, batching.batchSize(), this::batch);
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

    /** A batch and the padded position its first column holds ({@code start}: dynamic batches are cut). */
    public record Cut(DataSet data, int start) {
    }

    /**
     * Padded ids and tag indices ({@code NO_TAG} where nothing is scored) of rows in the given order, all of one
     * length, as one batch of the columns {@link PaddedColumns} keeps. Predict reads the
     * network's output column {@code t} as padded position {@code start + t}.
     */
    public Cut cut(int[][] ids, int[][] tags) {
        int mb = ids.length;
        int maxlen = ids[0].length;
        int from = maxlen;
        int to = 0;
        for (int i = 0; i < mb; i++) {
            for (int t = 0; t < maxlen; t++) {
                if (ids[i][t] != 0 || tags[i][t] != PreparedColumns.NO_TAG) {
                    from = Math.min(from, t);
                    to = Math.max(to, t + 1);
                }
            }
        }
        boolean masked = batching.masked();
        PaddedColumns columns = batching.columns(maxlen, from, to);
        int start = columns.start();
        int len = columns.width();
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
                if (tag != PreparedColumns.NO_TAG) {
                    labels[(i * numTags + tag) * width + t] = 1f;
                    labelMask[i * width + t] = 1f;
                }
            }
            if (masked && !any(featMask, i * width, len)) featMask[i * width + columns.emptyRowStep(batching.prePadded())] = 1f;
        }
        INDArray features = Nd4j.create(feat, new long[]{mb, 1, width}, 'c');
        INDArray featureMask = masked ? Nd4j.create(featMask, new long[]{mb, width}, 'c') : null;
        return new Cut(new DataSet(features, Nd4j.create(labels, new long[]{mb, numTags, width}, 'c'), featureMask,
                Nd4j.create(labelMask, new long[]{mb, width}, 'c')), start);
    }

    private static boolean any(float[] a, int from, int n) {
        for (int k = from; k < from + n; k++) if (a[k] != 0) return true;
        return false;
    }
}
