package dev.seqtrain.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TargetSequencesTest {

    private final TargetSequences seq = new TargetSequences(10, 6); // ids 1..9, end 10, start 11

    @Test
    void inputAndOutputAreShiftedByOne() {
        int[] ids = {4, 7, 2};
        assertArrayEquals(new int[] {11, 4, 7, 2, 0, 0}, seq.input(ids));
        assertArrayEquals(new int[] {4, 7, 2, 10, 0, 0}, seq.output(ids));
        int[] in = seq.input(ids);
        int[] out = seq.output(ids);
        for (int t = 0; t + 1 < ids.length + 1; t++) {
            assertEquals(out[t], in[t + 1], "step " + t);
        }
    }

    @Test
    void reservedTokensFollowTheVocabulary() {
        assertEquals(10, seq.endToken());
        assertEquals(11, seq.startToken());
        assertEquals(12, seq.inputVocabularySize());
        assertEquals(11, seq.outputClasses());
    }

    @Test
    void theEndTokenCountsAgainstMaxlen() {
        assertTrue(seq.fits(5));
        assertFalse(seq.fits(6));
        assertArrayEquals(new int[] {1, 2, 3, 4, 5, 10}, seq.output(new int[] {1, 2, 3, 4, 5}));
        assertThrows(IllegalArgumentException.class, () -> seq.input(new int[] {1, 2, 3, 4, 5, 6}));
    }

    @Test
    void anEmptyTargetIsJustTheEndToken() {
        assertArrayEquals(new int[] {11, 0, 0, 0, 0, 0}, seq.input(new int[0]));
        assertArrayEquals(new int[] {10, 0, 0, 0, 0, 0}, seq.output(new int[0]));
    }

    @Test
    void idsOutsideTheVocabularyAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> seq.output(new int[] {0}));
        assertThrows(IllegalArgumentException.class, () -> seq.output(new int[] {10}));
    }

    @Test
    void stripCutsAtTheFirstEndToken() {
        assertArrayEquals(new int[] {3, 4}, seq.strip(new int[] {3, 4, 10, 5, 10}));
        assertArrayEquals(new int[] {3, 4}, seq.strip(new int[] {3, 4}));
    }
}
