package dev.seqtrain.batch;

import org.apache.spark.sql.Row;
import org.nd4j.linalg.dataset.DataSet;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * The one scan of every batch builder: consecutive rows, {@code batchSize} at a time (the last chunk may be shorter),
 * each chunk made a batch as it is asked for. Lazy: one chunk of rows is in memory at a time, whatever the partition.
 */
final class RowChunks {
    private RowChunks() {
    }

    static Iterator<DataSet> batches(Iterator<Row> rows, int batchSize, Function<List<Row>, DataSet> batch) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public DataSet next() {
                if (!rows.hasNext()) throw new NoSuchElementException();
                List<Row> chunk = new ArrayList<>(batchSize);
                while (chunk.size() < batchSize && rows.hasNext()) chunk.add(rows.next());
                return batch.apply(chunk);
            }
        };
    }
}
