package dev.seqtrain.batch;

import org.apache.spark.sql.Row;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * Length bucketing ({@code training.batching.buckets}): reorders an epoch's shuffled rows so that consecutive
 * {@code batchSize} rows (a batch) have similar lengths. The epoch's positions are cut into windows of
 * {@code buckets x batchSize} rows; each window is sorted by length, cut into batches, and the order of its batches
 * shuffled (seeded), so the epoch's order stays random between windows and reproducible for a seed. Rows only move
 * inside their window: every row stays exactly once in the epoch, and a batch boundary stays where it was.
 *
 * <p>Rows carry their length at {@link #LENGTH_INDEX}. A partition of the epoch that starts or ends inside a window
 * (Spark partitions are not window-aligned) buckets only its own part of that window. Lazy: one window of rows is in
 * memory at a time.
 */
public final class LengthBuckets implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Where a row holds its length: after the input (0) and the target (1). */
    public static final int LENGTH_INDEX = 2;

    private final int batchSize;
    private final int buckets;

    public LengthBuckets(int batchSize, int buckets) {
        if (batchSize < 1 || buckets < 1) throw new IllegalArgumentException("batch " + batchSize + ", buckets " + buckets);
        this.batchSize = batchSize;
        this.buckets = buckets;
    }

    /** Whether rows move at all: one bucket keeps the order. */
    public boolean active() {
        return buckets > 1;
    }

    /**
     * {@code rows}, which hold the epoch's positions {@code firstPosition, firstPosition + 1, ...}, bucketed;
     * {@code seed} is the epoch's (different per epoch).
     */
    public Iterator<Row> reorder(Iterator<Row> rows, long firstPosition, long seed) {
        if (!active()) return rows;
        long window = (long) buckets * batchSize;
        return new Iterator<>() {
            private final Deque<Row> ready = new ArrayDeque<>();
            private long position = firstPosition;

            @Override
            public boolean hasNext() {
                if (ready.isEmpty() && rows.hasNext()) {
                    long start = position;
                    long end = (start / window + 1) * window;
                    List<Row> part = new ArrayList<>();
                    while (position < end && rows.hasNext()) {
                        part.add(rows.next());
                        position++;
                    }
                    ready.addAll(bucket(part, start, mix(seed, start / window)));
                }
                return !ready.isEmpty();
            }

            @Override
            public Row next() {
                if (!hasNext()) throw new NoSuchElementException();
                return ready.removeFirst();
            }
        };
    }

    /** One window's part, starting at epoch position {@code start}: sorted, its whole batches shuffled in place. */
    private List<Row> bucket(List<Row> part, long start, long seed) {
        part.sort(Comparator.comparingInt(r -> r.getInt(LENGTH_INDEX)));
        // rows before the part's first batch boundary stay in front: they finish a batch begun before the part
        int lead = (int) Math.min(part.size(), (batchSize - start % batchSize) % batchSize);
        List<List<Row>> whole = new ArrayList<>();
        int from = lead;
        for (; from + batchSize <= part.size(); from += batchSize) whole.add(part.subList(from, from + batchSize));
        Collections.shuffle(whole, new Random(seed));
        List<Row> out = new ArrayList<>(part.size());
        out.addAll(part.subList(0, lead));
        whole.forEach(out::addAll);
        out.addAll(part.subList(from, part.size()));
        return out;
    }

    private static long mix(long seed, long window) {
        long z = seed + 0x9E3779B97F4A7C15L * (window + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
