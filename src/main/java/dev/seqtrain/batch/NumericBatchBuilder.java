package dev.seqtrain.batch;

import dev.seqtrain.model.Task;
import org.apache.spark.sql.Row;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Iterator;
import java.util.List;

/**
 * Prepared numeric rows {@code (features, label)} → DL4J mini-batches, on executors (ModelPlan's numeric layout):
 * features {@code [mb, F, T]} (DL4J's NCW) from the time-major row {@code x[t * F + f]}, no mask (every row has T
 * steps), labels {@code [mb, 1]} (regression target, or 0/1 for a sigmoid head) or one-hot {@code [mb, C]}.
 * Lazy: one batch of rows is in memory at a time ({@link RowChunks}).
 */
public final class NumericBatchBuilder implements RowBatcher {
    private final Batching batching;
    private final int timesteps;
    private final int features;
    private final SequenceLabels labels;

    /** {@code task}: BINARY, MULTICLASS or REGRESSION; {@code numClasses} for MULTICLASS. */
    public NumericBatchBuilder(int batchSize, int timesteps, int features, Task task, int numClasses) {
        this.batching = Batching.fixed(batchSize);
        this.timesteps = timesteps;
        this.features = features;
        this.labels = new SequenceLabels(task, numClasses);
    }

    @Override
    public String inputColumn() {
        return PreparedColumns.FEATURES;
    }

    @Override
    public Batching batching() {
        return batching;
    }

    @Override
    public String labelColumn() {
        return PreparedColumns.LABEL;
    }

    /** Numeric rows have no padding: every batch is {@code timesteps} long (fixed), in stored order. */
    @Override
    public Iterator<DataSet> batches(Iterator<Row> rows) {
        return RowChunks.batches(rows, batching.batchSize(), this::batch);
    }

    DataSet batch(List<Row> rows) {
        int mb = rows.size();
        int values = timesteps * features;
        float[] x = new float[mb * values];
        for (int i = 0; i < mb; i++) {
            List<Float> row = rows.get(i).getList(0);
            if (row.size() != values) {
                // prepare rejects such rows; prepared data of another model.input ends here
                throw new IllegalStateException("a prepared row has " + row.size() + " numbers, the model expects "
                        + timesteps + " x " + features + "; prepare the data again for this model.input");
            }
            int base = i * values;
            for (int t = 0; t < timesteps; t++) {
                for (int f = 0; f < features; f++) x[base + f * timesteps + t] = row.get(t * features + f);
            }
        }
        return new DataSet(Nd4j.create(x, new long[]{mb, features, timesteps}, 'c'), labels.of(rows, 1));
    }
}
