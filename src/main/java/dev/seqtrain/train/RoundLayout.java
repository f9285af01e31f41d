package dev.seqtrain.train;

import java.io.Serializable;

/**
 * How one epoch's rows are dealt to workers in parameter-averaging rounds so that every mini-batch is fitted exactly
 * once. Rows are numbered 0..rows-1 in the epoch's (shuffled) order; rows {@code [b·B, (b+1)·B)} form batch b (only
 * the last batch may be short); round r takes batches {@code [r·W·F, (r+1)·W·F)} and deals them to its workers in
 * turn (batch j of the round to worker j mod W), so a worker gets at most F = averaging_frequency batches per round,
 * exactly F in every round but the last, and the last round's few batches are spread over as many workers as they
 * allow. Each (round, worker) pair with at least one batch is a slot: one Spark partition, numbered round-major.
 *
 * <p>DL4J's own split cuts an epoch into floor(batches / (W·F)) random splits and fits at most F batches per worker
 * of each, silently skipping the rest of a worker's share; this layout is what seqtrain hands it instead.
 */
public record RoundLayout(long rows, int batchSize, int workers, int averagingFrequency) implements Serializable {

    public RoundLayout {
        if (rows < 0 || batchSize < 1 || workers < 1 || averagingFrequency < 1) {
            throw new IllegalArgumentException("rows " + rows + ", batch " + batchSize + ", workers " + workers
                    + ", averaging frequency " + averagingFrequency);
        }
        long slots = slotCount(rows, batchSize, workers, averagingFrequency);
        if (slots > Integer.MAX_VALUE) throw new IllegalArgumentException(slots + " slots do not fit in Spark partitions");
    }

    /** Mini-batches in the epoch: every one of them is fitted once. */
    public long batches() {
        return (rows + batchSize - 1) / batchSize;
    }

    private long perRound() {
        return (long) workers * averagingFrequency;
    }

    /** Averaging rounds in the epoch (0 for no rows). */
    public int rounds() {
        return (int) ((batches() + perRound() - 1) / perRound());
    }

    /** Batches in round {@code r}: W·F except in the last round. */
    public long batchesInRound(int r) {
        return Math.min(perRound(), batches() - r * perRound());
    }

    /** Workers with at least one batch in round {@code r}. */
    public int slotsInRound(int r) {
        return (int) Math.min(workers, batchesInRound(r));
    }

    /** The first slot (partition) of round {@code r}; its slots are consecutive. */
    public int firstSlot(int r) {
        return r * workers;
    }

    /** All slots: the partitions of the laid-out epoch. */
    public int slots() {
        return (int) slotCount(rows, batchSize, workers, averagingFrequency);
    }

    private static long slotCount(long rows, int batchSize, int workers, int averagingFrequency) {
        long batches = (rows + batchSize - 1) / batchSize;
        if (batches == 0) return 0;
        long perRound = (long) workers * averagingFrequency;
        long lastRound = (batches - 1) / perRound;
        return lastRound * workers + Math.min(workers, batches - lastRound * perRound);
    }

    /** The slot of the row at position {@code row} of the epoch's order. */
    public int slotOf(long row) {
        long batch = row / batchSize;
        long round = batch / perRound();
        int worker = (int) ((batch % perRound()) % workers);
        return (int) (round * workers + worker);
    }

    /** The round a slot belongs to. */
    public int roundOf(int slot) {
        return slot / workers;
    }

    /** Batches in slot {@code s}: the round's batches j with j mod W equal to the slot's worker. */
    public long batchesInSlot(int slot) {
        int round = roundOf(slot);
        int worker = slot - firstSlot(round);
        long inRound = batchesInRound(round);
        return worker < inRound ? (inRound - worker + workers - 1) / workers : 0;
    }
}
