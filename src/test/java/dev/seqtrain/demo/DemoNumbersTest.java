package dev.seqtrain.demo;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The seq2seq demo's pairs: English number words and their digits, the same pair for the same seed and index, and
 * training and held-out numbers that never meet whatever the seeds.
 */
class DemoNumbersTest {

    @Test
    void spellsNumbersAsKerasCanTokenizeThem() {
        assertEquals("zero", DemoNumbers.words(0));
        assertEquals("nineteen", DemoNumbers.words(19));
        assertEquals("forty", DemoNumbers.words(40));
        assertEquals("three hundred forty two", DemoNumbers.words(342));
        assertEquals("one hundred", DemoNumbers.words(100));
        assertEquals("seven hundred eleven", DemoNumbers.words(711));
        assertEquals("one thousand", DemoNumbers.words(1000));
        assertEquals("twelve thousand five", DemoNumbers.words(12_005));
        assertEquals("three hundred forty two thousand one hundred", DemoNumbers.words(342_100));
        assertEquals("nine hundred ninety nine thousand nine hundred ninety nine", DemoNumbers.words(999_999));
        DemoNumbers gen = new DemoNumbers(7, 999_999, 0.1);
        String[] p = gen.pair(12, DemoNumbers.Side.TRAIN);
        assertArrayEquals(p, new DemoNumbers(7, 999_999, 0.1).pair(12, DemoNumbers.Side.TRAIN));
        assertEquals(DemoNumbers.words(Integer.parseInt(p[1])), p[0]);
    }

    @Test
    void heldOutSourcesNeverAppearInTrainingWhateverTheSeeds() {
        DemoNumbers train = new DemoNumbers(7, 9_999, 0.1);
        DemoNumbers evaluation = new DemoNumbers(99, 9_999, 0.1);
        Set<String> trained = new HashSet<>();
        for (long i = 0; i < 50_000; i++) trained.add(train.pair(i, DemoNumbers.Side.TRAIN)[0]);
        Set<String> heldOut = new HashSet<>();
        for (long i = 0; i < 5_000; i++) heldOut.add(evaluation.pair(i, DemoNumbers.Side.HELD_OUT)[0]);
        // 50,000 draws cover nearly all of the ~9,000 training numbers: a leak would show
        assertTrue(trained.size() > 8_500, "training numbers drawn: " + trained.size());
        assertTrue(heldOut.size() > 700, "held-out numbers drawn: " + heldOut.size());
        long shared = heldOut.stream().filter(trained::contains).count();
        assertEquals(0, shared, "held-out sources seen in training");
        // and the held-out share is about what was asked
        assertEquals(0.1, (double) heldOut.size() / (heldOut.size() + trained.size()), 0.02);
    }

    @Test
    void refusesARangeOrShareItCannotSplit() {
        assertThrows(IllegalArgumentException.class, () -> new DemoNumbers(7, 1_000_000, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new DemoNumbers(7, 999, 0));
        assertThrows(IllegalArgumentException.class, () -> new DemoNumbers(7, 999, 1));
    }
}
