package dev.seqtrain.batch;

import org.nd4j.linalg.dataset.DataSet;
import org.apache.spark.sql.Row;

import java.io.Serializable;
import java.util.Iterator;

/** Prepared rows {@code (<inputColumn>, <labelColumn>)} → DL4J mini-batches, on executors (ModelPlan's batch layout). */
public interface RowBatcher extends Serializable {
    /** The prepared column holding the input: {@code ids} (token ids) or {@code features} (numeric sequences). */
    default String inputColumn() {
        return PreparedColumns.IDS;
    }

    /** The prepared column holding the targets: {@code label} (one per sequence) or {@code tags} (one per token). */
    String labelColumn();

    /** Batch size, padding and buckets. */
    Batching batching();

    /** Rows per mini-batch (training.batch_size_per_worker); only the last batch of a partition may be shorter. */
    default int batchSize() {
        return batching().batchSize();
    }

    /** How an epoch's rows are bucketed by length before {@link #batches} cuts them (none unless padding is dynamic). */
    default LengthBuckets buckets() {
        return batching().lengthBuckets();
    }

    /** Rows with {@link #inputColumn()} at 0 and {@link #labelColumn()} at 1, cut into mini-batches. */
    Iterator<DataSet> batches(Iterator<Row> rows);
}
