package dev.seqtrain.infer;

import dev.seqtrain.metrics.BroadcastModel;
import dev.seqtrain.train.RowBatcher;
import org.apache.spark.sql.Row;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.io.Serializable;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * Scores one partition on an executor: prepared rows {@code (input, 0, id)} → prediction rows ({@link PredictionRows}:
 * id, predicted label and probabilities; or id and predicted target), batch by batch with one borrowed network
 * ({@link PooledScoring}), in the batch layout the model was trained with ({@link RowBatcher}). Lazy: one batch of
 * rows and results is in memory at a time.
 */
public final class PartitionScorer implements Serializable {
    private static final long serialVersionUID = 1L;

    private final BroadcastModel model;
    private final RowBatcher builder;
    private final PredictionRows predictions;
    private final int batchSize;

    /**
     * @param builder     built like the training batches (masking, padding side, numeric layout); its label layout is
     *                    ignored
     * @param predictions how an output row reads (the task's)
     */
    public PartitionScorer(BroadcastModel model, RowBatcher builder, PredictionRows predictions, int batchSize) {
        this.model = model;
        this.builder = builder;
        this.predictions = predictions;
        this.batchSize = batchSize;
    }

    /** Rows with the input ({@code ids} or {@code features}) at 0, a placeholder int label at 1 and {@code id} at 2. */
    public Iterator<Row> score(Iterator<Row> rows) {
        return PooledScoring.score(model, rows, batchSize, this::scoreBatch);
    }

    private void scoreBatch(MultiLayerNetwork network, List<Row> batch, Deque<Row> out) {
        DataSet ds = builder.batches(batch.iterator()).next();
        INDArray output = network.output(ds.getFeatures(), false, ds.getFeaturesMaskArray(), null);
        double[][] scores = output.toDoubleMatrix();
        for (int i = 0; i < batch.size(); i++) out.addLast(predictions.row(batch.get(i).getString(2), scores[i]));
    }
}
