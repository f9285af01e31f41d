package dev.seqtrain.batch;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Length bucketing of an epoch's rows: every row once, batches of similar length, seeded, batch boundaries kept. */
class LengthBucketsTest {

    /** Rows (name, 0, length) of random lengths, in a shuffled order as an epoch has them. */
    private static List<Row> rows(int n, long seed) {
        Random r = new Random(seed);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) rows.add(RowFactory.create("r" + i, 0, 1 + r.nextInt(400)));
        return rows;
    }

    private static List<Row> reorder(LengthBuckets b, List<Row> rows, long first, long seed) {
        List<Row> out = new ArrayList<>();
        b.reorder(rows.iterator(), first, seed).forEachRemaining(out::add);
        return out;
    }

    private static List<String> names(List<Row> rows) {
        return rows.stream().map(r -> r.getString(0)).sorted().toList();
    }

    /** Padded steps when each batch is padded to its longest member. */
    private static long paddedSteps(List<Row> rows, int batch) {
        long steps = 0;
        for (int from = 0; from < rows.size(); from += batch) {
            int longest = 0;
            int to = Math.min(rows.size(), from + batch);
            for (Row r : rows.subList(from, to)) longest = Math.max(longest, r.getInt(2));
            steps += (long) longest * (to - from);
        }
        return steps;
    }

    @Test
    void everyRowOnceInBatchesOfSimilarLength() {
        List<Row> epoch = rows(1003, 1);
        LengthBuckets b = new LengthBuckets(16, 8);
        List<Row> bucketed = reorder(b, epoch, 0, 7);
        assertEquals(names(epoch), names(bucketed), "the same rows, each once");
        long real = epoch.stream().mapToLong(r -> r.getInt(2)).sum();
        double shuffledWaste = (double) paddedSteps(epoch, 16) / real;
        double bucketedWaste = (double) paddedSteps(bucketed, 16) / real;
        assertTrue(shuffledWaste > 1.5, "uniform lengths in random batches pad a lot: " + shuffledWaste);
        assertTrue(bucketedWaste < 1.15, "8 batches' worth sorted: little padding: " + bucketedWaste);
    }

    @Test
    void rowsMoveOnlyInsideTheirWindowAndTheOrderIsSeeded() {
        List<Row> epoch = rows(500, 2);
        LengthBuckets b = new LengthBuckets(10, 4);
        List<Row> once = reorder(b, epoch, 0, 7);
        for (int w = 0; w < 500; w += 40) {
            assertEquals(names(epoch.subList(w, Math.min(500, w + 40))), names(once.subList(w, Math.min(500, w + 40))),
                    "window at " + w);
        }
        assertEquals(once, reorder(b, epoch, 0, 7), "the same seed, the same order");
        assertNotEquals(once, reorder(b, epoch, 0, 8), "another epoch's seed, another order of batches");
        // inside a window the batches are not left shortest first
        boolean unsorted = false;
        for (int i = 0; i + 10 < 500 && !unsorted; i += 10) {
            if ((i + 10) % 40 != 0 && once.get(i).getInt(2) > once.get(i + 10).getInt(2)) unsorted = true;
        }
        assertTrue(unsorted, "batches in a seeded random order");
    }

    @Test
    void aPartitionThatStartsInsideAWindowKeepsTheEpochsBatchBoundaries() {
        // a partition holding epoch positions 13..112 with batches of 10: rows 13..19 finish batch 1, 20..29 are
        // batch 2, ...; bucketing may only move rows between whole batches of the same window, never across a
        // boundary of the window or of the partition
        List<Row> part = rows(100, 3);
        LengthBuckets b = new LengthBuckets(10, 4);
        List<Row> out = reorder(b, part, 13, 9);
        assertEquals(names(part), names(out));
        // windows in epoch positions: [0,40) [40,80) [80,120): in this part [13,40) [40,80) [80,113)
        int[][] windows = {{0, 27}, {27, 67}, {67, 100}};
        for (int[] w : windows) {
            assertEquals(names(part.subList(w[0], w[1])), names(out.subList(w[0], w[1])), "window part " + w[0]);
        }
    }

    @Test
    void oneBucketKeepsTheOrder() {
        List<Row> epoch = rows(50, 4);
        Iterator<Row> it = epoch.iterator();
        assertSame(it, new LengthBuckets(10, 1).reorder(it, 0, 1));
    }
}
