package dev.seqtrain.metrics;

import dev.seqtrain.batch.Batching;
import dev.seqtrain.batch.PreparedColumns;
import dev.seqtrain.batch.RowBatcher;
import org.apache.spark.sql.Row;
import org.nd4j.linalg.dataset.DataSet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Evaluation batches of similar lengths: a partition's rows are read in chunks of {@link #CHUNK_BATCHES} batches,
 * each chunk sorted by real length ({@link LengthOrder}) and then cut by the model's own batcher, whose dynamic
 * padding cuts each batch to its longest member. An evaluation's sums and counts do not depend on the order of its
 * rows, so only the padding time steps go. Numeric input (no token ids) keeps its order.
 */
public final class LengthSortedBatcher implements RowBatcher {
    private static final long serialVersionUID = 1L;
    /** Batches per sorted chunk: more sort better, and hold that many batches of rows in memory. */
    static final int CHUNK_BATCHES = 8;

    private final RowBatcher inner;

    private LengthSortedBatcher(RowBatcher inner) {
        this.inner = inner;
    }

    /** {@code inner}, sorting its chunks when its input is token ids. */
    public static RowBatcher of(RowBatcher inner) {
        return PreparedColumns.IDS.equals(inner.inputColumn()) ? new LengthSortedBatcher(inner) : inner;
    }

    @Override
    public String inputColumn() {
        return inner.inputColumn();
    }

    @Override
    public String labelColumn() {
        return inner.labelColumn();
    }

    @Override
    public Batching batching() {
        return inner.batching();
    }

    @Override
    public Iterator<DataSet> batches(Iterator<Row> rows) {
        int chunkRows = inner.batchSize() * CHUNK_BATCHES;
        return new Iterator<>() {
            private Iterator<DataSet> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && rows.hasNext()) {
                    List<Row> chunk = new ArrayList<>(chunkRows);
                    while (chunk.size() < chunkRows && rows.hasNext()) chunk.add(rows.next());
                    current = inner.batches(LengthOrder.arranged(chunk, LengthOrder.of(chunk, 0)).iterator());
                }
                return current.hasNext();
            }

            @Override
            public DataSet next() {
                if (!hasNext()) throw new NoSuchElementException();
                return current.next();
            }
        };
    }
}
