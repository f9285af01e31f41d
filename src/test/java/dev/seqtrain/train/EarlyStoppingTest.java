package dev.seqtrain.train;

import dev.seqtrain.job.TrainingSpec.EarlyStoppingSpec.Monitor;
import dev.seqtrain.errors.SeqtrainException;
import dev.seqtrain.job.TrainingSpec.EarlyStoppingSpec;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keras' EarlyStopping rules, epoch by epoch, on hand-made histories. */
class EarlyStoppingTest {

    private static EpochRecord epoch(int e, double valLoss, double valAccuracy) {
        return new EpochRecord(e, 1.0, Map.of("loss", valLoss, "accuracy", valAccuracy), 1.0, 0.001, 10);
    }

    /** Feeds val_loss values (accuracy mirrors them) and returns the epoch after which it stopped, or 0. */
    private static int stopsAfter(EarlyStopping s, double... valLoss) {
        for (int i = 0; i < valLoss.length; i++) {
            s.observe(epoch(i + 1, valLoss[i], 1 - valLoss[i]));
            if (s.shouldStop()) return i + 1;
        }
        return 0;
    }

    @Test
    void lowerLossIsBetterAndPatienceCountsEpochsWithoutImprovement() {
        EarlyStopping s = EarlyStopping.of(new EarlyStoppingSpec(Monitor.VAL_LOSS, 2, 0.0, true));
        assertEquals(6, stopsAfter(s, 0.9, 0.5, 0.6, 0.4, 0.45, 0.41, 0.3));
        assertEquals(4, s.bestEpoch());
        assertEquals(0.4, s.best(), 0);
    }

    @Test
    void minDeltaDemandsAnImprovementLargerThanIt() {
        EarlyStopping s = EarlyStopping.of(new EarlyStoppingSpec(Monitor.VAL_LOSS, 1, 0.05, true));
        // 0.5 -> 0.47 improves by less than 0.05: not an improvement
        assertEquals(3, stopsAfter(s, 0.9, 0.5, 0.47, 0.2));
        assertEquals(2, s.bestEpoch());
    }

    @Test
    void accuracyIsBetterWhenHigher() {
        EarlyStopping s = EarlyStopping.of(new EarlyStoppingSpec(Monitor.VAL_ACCURACY, 1, 0.0, false));
        // accuracy = 1 - loss: 0.1, 0.5, 0.4 -> stops at epoch 3, best epoch 2
        assertEquals(3, stopsAfter(s, 0.9, 0.5, 0.6, 0.1));
        assertEquals(2, s.bestEpoch());
        assertFalse(s.restoresBestWeights());
    }

    @Test
    void patienceZeroStillTrainsPastTheFirstEpochAsInKeras() {
        EarlyStopping s = EarlyStopping.of(new EarlyStoppingSpec(Monitor.VAL_LOSS, 0, 0.0, true));
        assertEquals(3, stopsAfter(s, 0.9, 0.8, 0.85));
    }

    @Test
    void replayingAHistoryGivesTheSameState() {
        EarlyStopping a = EarlyStopping.of(new EarlyStoppingSpec(Monitor.VAL_LOSS, 3, 0.0, true));
        EarlyStopping b = EarlyStopping.of(new EarlyStoppingSpec(Monitor.VAL_LOSS, 3, 0.0, true));
        assertEquals(0, stopsAfter(a, 0.9, 0.5, 0.6, 0.7));
        assertEquals(0, stopsAfter(b, 0.9, 0.5, 0.6, 0.7));
        b.observe(epoch(5, 0.8, 0.2));
        assertTrue(b.shouldStop(), "third epoch without improvement");
        assertEquals(2, b.bestEpoch());
    }

    @Test
    void disabledNeverStops() {
        EarlyStopping s = EarlyStopping.of(null);
        assertEquals(0, stopsAfter(s, 0.1, 0.2, 0.3, 0.4, 0.5));
        assertEquals(0, s.bestEpoch());
        assertFalse(s.enabled());
    }

    @Test
    void aMetricTheTaskDoesNotComputeIsRefused() {
        EarlyStopping s = EarlyStopping.of(new EarlyStoppingSpec(Monitor.VAL_ACCURACY, 1, 0.0, true));
        SeqtrainException e = assertThrows(SeqtrainException.class,
                () -> s.observe(new EpochRecord(1, 1.0, Map.of("loss", 0.5), 1.0, 0.001, 10)));
        assertTrue(e.getMessage().contains("training.early_stopping.monitor"), e.getMessage());
    }

    @Test
    void curvesArePngImagesOfTheHistory() throws Exception {
        java.util.List<EpochRecord> h = java.util.List.of(epoch(1, 0.6, 0.7), epoch(2, 0.4, 0.8), epoch(3, 0.5, 0.75));
        byte[] png = TrainingCurves.png("test", h, "val_loss", 2);
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
        assertEquals(800, img.getWidth());
        assertEquals(600, img.getHeight());
        assertEquals("val_accuracy", TrainingCurves.secondMetric(h, "val_loss"));
        assertEquals("val_accuracy", TrainingCurves.secondMetric(h, "val_accuracy"));
    }
}
