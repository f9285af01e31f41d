package dev.seqtrain.batch;

import dev.seqtrain.job.BatchingSpec;
import dev.seqtrain.text.TargetSequences;
import org.apache.spark.sql.Row;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Iterator;
import java.util.List;

/**
 * Prepared pairs {@code (ids, decoder_output)} → mini-batches for the encoder-decoder layer (model/seq2seq's
 * {@code Seq2Seq}), on executors, lazily: features {@code [mb, Ts + Tt]}, the padded source's {@code Ts} ids followed
 * by the decoder input's {@code Tt} ids; feature mask {@code [mb, Ts + Tt]}, 1 at every real id of both sides;
 * labels one-hot {@code [mb, classes, Tt]} of the decoder output and label mask {@code [mb, Tt]}.
 *
 * <p>The decoder input is not read: it is the output shifted right behind the start token
 * ({@link TargetSequences}: {@code input[t + 1] == output[t]}), so the rows keep the two-column contract of
 * {@link RowBatcher}.
 *
 * <p>The source keeps its prepared {@code Ts} steps (the layer splits the features there). With dynamic padding the
 * decoder side is cut to the batch's longest target ({@code Tt'} steps, end token included): the steps cut off are
 * masked in features and labels alike, and the decoder reads left to right, so they changed nothing in the real
 * steps' outputs, loss or gradients. Length buckets are not used (rows carry the source's length).
 */
public final class PairBatchBuilder implements RowBatcher {
    private final Batching batching;
    private final int sourceSteps;
    private final TargetSequences target;
    /** Cut the decoder side to the batch's longest target. */
    private final boolean dynamicTarget;

    /** Fixed widths: {@code Ts + text.target.maxlen} steps. */
    public PairBatchBuilder(int batchSize, int sourceSteps, TargetSequences target) {
        this(batchSize, sourceSteps, target, BatchingSpec.Padding.FIXED);
    }

    public PairBatchBuilder(int batchSize, int sourceSteps, TargetSequences target, BatchingSpec.Padding padding) {
        this.batching = Batching.fixed(batchSize);
        this.sourceSteps = sourceSteps;
        this.target = target;
        this.dynamicTarget = padding == BatchingSpec.Padding.DYNAMIC;
    }

    @Override
    public String labelColumn() {
        return PreparedColumns.DECODER_OUTPUT;
    }

    @Override
    public Batching batching() {
        return batching;
    }

    @Override
    public Iterator<DataSet> batches(Iterator<Row> rows) {
        return RowChunks.batches(rows, batching.batchSize(), this::batch);
    }

    DataSet batch(List<Row> rows) {
        int[][] sources = new int[rows.size()][];
        int[][] outputs = new int[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            sources[i] = ints(rows.get(i).getList(0));
            outputs[i] = ints(rows.get(i).getList(1));
        }
        return batch(sources, outputs);
    }

    /** Padded sources ({@code Ts} ids each) and decoder outputs ({@code Tt} ids each, as {@link TargetSequences} writes). */
    public DataSet batch(int[][] sources, int[][] outputs) {
        int mb = sources.length;
        for (int b = 0; b < mb; b++) {
            if (sources[b].length != sourceSteps || outputs[b].length != target.maxlen()) {
                throw new IllegalArgumentException("a prepared pair of " + sources[b].length + " source and "
                        + outputs[b].length + " decoder steps, expected " + sourceSteps + " and " + target.maxlen()
                        + ": prepared with other text.source/text.target maxlen?");
            }
        }
        int tt = dynamicTarget ? longestTarget(outputs) : target.maxlen();
        int width = sourceSteps + tt;
        int classes = target.outputClasses();
        float[] feat = new float[mb * width];
        float[] mask = new float[mb * width];
        float[] labels = new float[mb * classes * tt];
        float[] labelMask = new float[mb * tt];
        for (int b = 0; b < mb; b++) {
            for (int t = 0; t < sourceSteps; t++) {
                feat[b * width + t] = sources[b][t];
                if (sources[b][t] != 0) mask[b * width + t] = 1;
            }
            int previous = target.startToken();
            for (int t = 0; t < tt && outputs[b][t] != 0; t++) {
                feat[b * width + sourceSteps + t] = previous;
                mask[b * width + sourceSteps + t] = 1;
                labels[(b * classes + outputs[b][t]) * tt + t] = 1;
                labelMask[b * tt + t] = 1;
                previous = outputs[b][t];
            }
        }
        return new DataSet(Nd4j.create(feat, new long[] {mb, width}, 'c'),
                Nd4j.create(labels, new long[] {mb, classes, tt}, 'c'),
                Nd4j.create(mask, new long[] {mb, width}, 'c'),
                Nd4j.create(labelMask, new long[] {mb, tt}, 'c'));
    }

    /** The decoder steps the batch's longest output fills (ids up to the first 0), at least one. */
    private static int longestTarget(int[][] outputs) {
        int longest = 1;
        for (int[] o : outputs) {
            int n = 0;
            while (n < o.length && o[n] != 0) n++;
            longest = Math.max(longest, n);
        }
        return longest;
    }

    private static int[] ints(List<Integer> list) {
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) out[i] = list.get(i);
        return out;
    }
}
