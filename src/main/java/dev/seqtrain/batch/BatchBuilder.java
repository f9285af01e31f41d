package dev.seqtrain.batch;

import dev.seqtrain.job.BatchingSpec;
import dev.seqtrain.model.Task;
import org.apache.spark.sql.Row;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Iterator;
import java.util.List;

/**
 * Prepared rows {@code (ids, label)} → DL4J mini-batches, on executors. Layout (see ModelPlan): features [mb, 1, T] ids as
 * floats, feature mask [mb, T] (1 = real token) when the embedding masks zeros, labels [mb, 1] (binary) or one-hot
 * [mb, C] (multi-class).
 *
 * <p>T follows {@link PaddedColumns}: with dynamic padding and a mask, the batch's longest member; the masked columns
 * would change nothing in the result and cost as much as real ones. Without a mask the padding is part of the input
 * (as in Keras) and every batch keeps {@code maxlen} columns.
 */
public final class BatchBuilder implements RowBatcher {
    private final Batching batching;
    private final SequenceLabels labels;

    /** Dynamic padding, no bucketing: how predict batches its rows. */
    public BatchBuilder(int batchSize, int numClasses, boolean binaryHead, boolean masked, boolean prePadded) {
        this(batchSize, numClasses, binaryHead, masked, prePadded, BatchingSpec.Padding.DYNAMIC, 1);
    }

    public BatchBuilder(int batchSize, int numClasses, boolean binaryHead, boolean masked, boolean prePadded,
                        BatchingSpec.Padding padding, int buckets) {
        this.batching = new Batching(batchSize, masked, prePadded, padding, buckets);
        this.labels = new SequenceLabels(binaryHead ? Task.BINARY : Task.MULTICLASS, numClasses);
    }

    @Override
    public Batching batching() {
        return batching;
    }

    @Override
    public String labelColumn() {
        return PreparedColumns.LABEL;
    }

    /** Rows with columns {@code ids} (array of int) at 0 and {@code label} (int) at 1. */
    @Override
    public Iterator<DataSet> batches(Iterator<Row> rows) {
        return RowChunks.batches(rows, batching.batchSize(), this::batch);
    }

    DataSet batch(List<Row> rows) {
        int mb = rows.size();
        int maxlen = rows.get(0).getList(0).size();
        int[][] ids = new int[mb][];
        int from = maxlen;
        int to = 0;
        for (int i = 0; i < mb; i++) {
            List<Integer> l = rows.get(i).getList(0);
            ids[i] = new int[maxlen];
            for (int t = 0; t < maxlen; t++) {
                int v = l.get(t);
                ids[i][t] = v;
                if (v != 0) {
                    from = Math.min(from, t);
                    to = Math.max(to, t + 1);
                }
            }
        }
        boolean masked = batching.masked();
        PaddedColumns cut = batching.columns(maxlen, from, to);
        int len = cut.width();
        float[] feat = new float[mb * len];
        float[] mask = masked ? new float[mb * len] : null;
        for (int i = 0; i < mb; i++) {
            boolean any = false;
            for (int t = 0; t < len; t++) {
                int v = ids[i][cut.start() + t];
                feat[i * len + t] = v;
                if (masked && v != 0) {
                    mask[i * len + t] = 1f;
                    any = true;
                }
            }
            if (masked && !any) mask[i * len + cut.emptyRowStep(batching.prePadded())] = 1f;
        }
        // [mb, 1, T]: EmbeddingSequenceLayer takes it like [mb, T], and DL4J treats it as a time series when the
        // trainer merges batches of different lengths (it pads the shorter ones and their masks)
        INDArray features = Nd4j.create(feat, new long[]{mb, 1, len}, 'c');
        INDArray featureMask = masked ? Nd4j.create(mask, new long[]{mb, len}, 'c') : null;
        return new DataSet(features, labels.of(rows, 1), featureMask, null);
    }
}
