package dev.seqtrain.train;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The layout deals every batch of an epoch to exactly one (round, worker) slot: at most averaging_frequency batches
 * per slot, exactly that many in every round but the last, no empty slot, and every row of a batch in the same slot.
 */
class RoundLayoutTest {

    @Test
    void everyBatchIsDealtOnceAndEveryRoundButTheLastIsFull() {
        int[] rowCounts = {0, 1, 7, 31, 32, 33, 64, 319, 320, 321, 1000, 9594, 51302};
        for (long rows : rowCounts) {
            for (int batch : new int[]{1, 8, 32}) {
                for (int workers : new int[]{1, 2, 3, 8}) {
                    for (int freq : new int[]{1, 5, 25}) {
                        check(new RoundLayout(rows, batch, workers, freq));
                    }
                }
            }
        }
    }

    private static void check(RoundLayout l) {
        String what = l.toString();
        // walk the rows as the epoch orders them
        Map<Integer, Long> rowsInSlot = new HashMap<>();
        Map<Long, Integer> slotOfBatch = new HashMap<>();
        int lastSlotSeen = -1;
        for (long row = 0; row < l.rows(); row++) {
            int slot = l.slotOf(row);
            assertTrue(slot >= 0 && slot < l.slots(), what + " row " + row + " -> slot " + slot);
            long batch = row / l.batchSize();
            Integer before = slotOfBatch.putIfAbsent(batch, slot);
            assertTrue(before == null || before == slot, what + ": batch " + batch + " split over slots");
            rowsInSlot.merge(slot, 1L, Long::sum);
            assertTrue(l.roundOf(slot) >= l.roundOf(Math.max(0, lastSlotSeen)), what + ": rounds go forward");
            lastSlotSeen = slot;
        }
        assertEquals(l.batches(), slotOfBatch.size(), what);
        assertEquals(l.slots(), rowsInSlot.size(), what + ": every slot gets rows, no slot is empty");
        long dealt = 0;
        for (int r = 0; r < l.rounds(); r++) {
            long inRound = 0;
            for (int s = l.firstSlot(r); s < l.firstSlot(r) + l.slotsInRound(r); s++) {
                assertEquals(r, l.roundOf(s), what);
                long batches = l.batchesInSlot(s);
                assertTrue(batches >= 1 && batches <= l.averagingFrequency(), what + " slot " + s + ": " + batches);
                if (r < l.rounds() - 1) assertEquals(l.averagingFrequency(), batches, what + ": a full round");
                long rows = rowsInSlot.get(s);
                assertTrue(rows > (batches - 1) * l.batchSize() && rows <= batches * l.batchSize(), what + " slot " + s);
                inRound += batches;
            }
            assertEquals(l.batchesInRound(r), inRound, what);
            dealt += inRound;
        }
        assertEquals(l.batches(), dealt, what);
        // the last round spreads its batches: the busiest worker has at most one more than the idlest
        if (l.rounds() > 0) {
            int last = l.rounds() - 1;
            long max = 0;
            long min = Long.MAX_VALUE;
            for (int s = l.firstSlot(last); s < l.firstSlot(last) + l.slotsInRound(last); s++) {
                max = Math.max(max, l.batchesInSlot(s));
                min = Math.min(min, l.batchesInSlot(s));
            }
            assertTrue(max - min <= 1, what);
        }
    }

    @Test
    void aSmallCorpusIsOneRoundOverAsManyWorkersAsItHasBatches() {
        RoundLayout l = new RoundLayout(100, 32, 8, 5);
        assertEquals(4, l.batches());
        assertEquals(1, l.rounds());
        assertEquals(4, l.slots());
    }

    @Test
    void theTestsCorpusFitsAllItsBatchesWhereDl4jFitsTwentyOfTwentyFive() {
        RoundLayout l = new RoundLayout(800, 32, 2, 5);
        assertEquals(25, l.batches());
        assertEquals(3, l.rounds());
        assertEquals(5, l.batchesInRound(2));
        assertEquals(3, l.batchesInSlot(4));
        assertEquals(2, l.batchesInSlot(5));
        assertEquals(20, SparkTrainer.fittedPerEpoch(25, 2, 5), "DL4J's own splits: 2 rounds of 2 x 5");
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new RoundLayout(10, 0, 2, 5));
        assertThrows(IllegalArgumentException.class, () -> new RoundLayout(-1, 32, 2, 5));
        assertThrows(IllegalArgumentException.class, () -> new RoundLayout(10, 32, 0, 5));
    }
}
