package dev.seqtrain.infer;

import dev.seqtrain.metrics.BroadcastModel;
import org.apache.spark.sql.Row;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A partition scored lazily, {@code batchSize} rows at a time (a batch, or a chunk of batches), with one network
 * borrowed from the JVM's pool ({@link BroadcastModel}) for the whole partition and given back when its rows run out:
 * one such group of rows and results is in memory at a time.
 */
final class PooledScoring {
    private PooledScoring() {
    }

    /** Scores one batch of input rows with {@code network}, appending the result rows to {@code out} in order. */
    interface BatchScorer extends Serializable {
        void score(MultiLayerNetwork network, List<Row> batch, Deque<Row> out);
    }

    static Iterator<Row> score(BroadcastModel model, Iterator<Row> rows, int batchSize, BatchScorer scorer) {
        return new Iterator<>() {
            private final Deque<Row> ready = new ArrayDeque<>();
            private MultiLayerNetwork network;

            @Override
            public boolean hasNext() {
                if (ready.isEmpty() && rows.hasNext()) {
                    if (network == null) network = model.borrow();
                    List<Row> batch = new ArrayList<>(batchSize);
                    while (batch.size() < batchSize && rows.hasNext()) batch.add(rows.next());
                    scorer.score(network, batch, ready);
                }
                if (!rows.hasNext() && network != null) {
                    model.giveBack(network);
                    network = null;
                }
                return !ready.isEmpty();
            }

            @Override
            public Row next() {
                if (!hasNext()) throw new NoSuchElementException();
                return ready.pollFirst();
            }
        };
    }
}
