package dev.seqtrain.infer;

import dev.seqtrain.batch.RowBatcher;
import dev.seqtrain.metrics.BroadcastModel;
import dev.seqtrain.metrics.LengthOrder;
import org.apache.spark.sql.Row;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.io.Serializable;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scores one partition on an executor: prepared rows {@code (input, 0, id)} → prediction rows ({@link PredictionRows}:
 * id, predicted label and probabilities; or id and predicted target), with one borrowed network
 * ({@link PooledScoring}), in the batch layout the model was trained with ({@link RowBatcher}). Lazy: one chunk of
 * {@link #CHUNK_BATCHES} batches of rows and results is in memory at a time.
 *
 * <p>Dynamic padding ({@code sortByLength}, for a masked token model): a chunk is scored longest rows first
 * ({@link LengthOrder}), so the builder's cut of each batch to its longest member leaves little padding; results come
 * out in input order.
 */
public final class PartitionScorer implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Batches per length-sorted chunk: more sort better, and cost that many batches of rows in memory. */
    static final int CHUNK_BATCHES = 8;
    /** Time steps fed to the network in this JVM (rows x batch length): tests see what dynamic padding saves. */
    private static final AtomicLong STEPS = new AtomicLong();
    /** Rows fed to the network in this JVM, padding rows included. */
    private static final AtomicLong ROWS_FED = new AtomicLong();

    private final BroadcastModel model;
    private final RowBatcher builder;
    private final PredictionRows predictions;
    private final int batchSize;
    private final boolean sortByLength;

    /**
     * @param builder      built like the training batches (masking, padding side, numeric layout); its label layout
     *                     is ignored
     * @param predictions  how an output row reads (the task's)
     * @param sortByLength score each chunk by length: only worth it (and only exact) when the builder cuts masked
     *                     padding
     */
    public PartitionScorer(BroadcastModel model, RowBatcher builder, PredictionRows predictions, int batchSize,
                           boolean sortByLength) {
        this.model = model;
        this.builder = builder;
        this.predictions = predictions;
        this.batchSize = batchSize;
        this.sortByLength = sortByLength;
    }

    /** Rows with the input ({@code ids} or {@code features}) at 0, a placeholder int label at 1 and {@code id} at 2. */
    public Iterator<Row> score(Iterator<Row> rows) {
        return PooledScoring.score(model, rows, batchSize * CHUNK_BATCHES, this::scoreChunk);
    }

    private void scoreChunk(MultiLayerNetwork network, List<Row> chunk, Deque<Row> out) {
        int[] order = sortByLength ? LengthOrder.of(chunk, 0) : null;
        List<Row> arranged = order == null ? chunk : LengthOrder.arranged(chunk, order);
        double[][] scores = new double[chunk.size()][];
        for (int from = 0; from < arranged.size(); from += batchSize) {
            List<Row> batch = full(arranged.subList(from, Math.min(arranged.size(), from + batchSize)));
            DataSet ds = builder.batches(batch.iterator()).next();
            ROWS_FED.addAndGet(ds.getFeatures().size(0));
            STEPS.addAndGet(ds.getFeatures().size(0) * ds.getFeatures().size(ds.getFeatures().rank() - 1));
            INDArray output = network.output(ds.getFeatures(), false, ds.getFeaturesMaskArray(), null);
            double[][] s = output.toDoubleMatrix();
            int real = Math.min(batchSize, arranged.size() - from);
            for (int i = 0; i < real; i++) scores[order == null ? from + i : order[from + i]] = s[i];
        }
        for (int i = 0; i < chunk.size(); i++) out.addLast(predictions.row(chunk.get(i).getString(2), scores[i]));
    }

    /**
     * A partition's last, partial batch filled up to {@code batchSize} rows with copies of its last row (whose scores
     * are dropped): the recurrent engine keeps its step buffers only while the row count stays the same, so a
     * shorter batch would make it allocate a new set (hundreds of MB, freed only by the garbage collector) and the
     * next partition's first batch another one. The copies are no wider than the batch.
     */
    private List<Row> full(List<Row> batch) {
        if (batch.size() == batchSize) return batch;
        List<Row> filled = new java.util.ArrayList<>(batchSize);
        filled.addAll(batch);
        while (filled.size() < batchSize) filled.add(batch.get(batch.size() - 1));
        return filled;
    }

    /** Rows fed to the network in this JVM so far. */
    static long rowsFed() {
        return ROWS_FED.get();
    }

    /** Time steps scored in this JVM so far. */
    static long steps() {
        return STEPS.get();
    }
}
