package dev.seqtrain.train;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The progress line's arithmetic; {@link ProgressAndScheduleTest} watches it on a real Spark fit. */
class EpochProgressLineTest {

    @Test
    void percentageCountsAndEpochEta() {
        assertEquals("epoch 3/10  42% (21/50 batches)  31 s elapsed, ETA 43 s", EpochProgress.line(3, 10, 21, 50, 31));
        assertEquals("epoch 1/2  0% (0/50 batches)  4 s elapsed", EpochProgress.line(1, 2, 0, 50, 4), "no ETA before a batch");
    }

    @Test
    void anEstimateThatFallsShortNeverShowsMoreThanTheTotalOrAFinishedEpoch() {
        assertEquals("epoch 1/2  99% (52/52 batches)  10 s elapsed, ETA 0 s", EpochProgress.line(1, 2, 52, 50, 10));
        assertEquals("epoch 1/2  99% (50/50 batches)  10 s elapsed, ETA 0 s", EpochProgress.line(1, 2, 50, 50, 10));
    }
}
