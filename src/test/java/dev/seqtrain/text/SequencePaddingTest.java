package dev.seqtrain.text;

import dev.seqtrain.job.SequenceEnd;
import org.junit.jupiter.api.Test;

import static dev.seqtrain.job.SequenceEnd.POST;
import static dev.seqtrain.job.SequenceEnd.PRE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SequencePaddingTest {
    private static final int[] SEQ = {1, 2, 3, 4, 5};

    @Test
    void shorterMaxlenTruncates() {
        assertArrayEquals(new int[]{3, 4, 5}, SequencePadding.pad(SEQ, 3, PRE, PRE, 0));
        assertArrayEquals(new int[]{1, 2, 3}, SequencePadding.pad(SEQ, 3, PRE, POST, 0));
        assertArrayEquals(new int[]{3, 4, 5}, SequencePadding.pad(SEQ, 3, POST, PRE, 0));
        assertArrayEquals(new int[]{1, 2, 3}, SequencePadding.pad(SEQ, 3, POST, POST, 0));
    }

    @Test
    void longerMaxlenPads() {
        assertArrayEquals(new int[]{0, 0, 1, 2, 3, 4, 5}, SequencePadding.pad(SEQ, 7, PRE, PRE, 0));
        assertArrayEquals(new int[]{0, 0, 1, 2, 3, 4, 5}, SequencePadding.pad(SEQ, 7, PRE, POST, 0));
        assertArrayEquals(new int[]{1, 2, 3, 4, 5, 0, 0}, SequencePadding.pad(SEQ, 7, POST, PRE, 0));
        assertArrayEquals(new int[]{1, 2, 3, 4, 5, 0, 0}, SequencePadding.pad(SEQ, 7, POST, POST, 0));
    }

    @Test
    void equalMaxlenCopies() {
        for (SequenceEnd p : SequenceEnd.values()) {
            for (SequenceEnd t : SequenceEnd.values()) {
                int[] out = SequencePadding.pad(SEQ, 5, p, t, 0);
                assertArrayEquals(SEQ, out);
                assertNotSame(SEQ, out);
            }
        }
        assertArrayEquals(new int[]{1, 2, 3, 4, 5}, SEQ, "input unchanged");
    }

    @Test
    void valueFillsThePadding() {
        assertArrayEquals(new int[]{-1, -1, 7}, SequencePadding.pad(new int[]{7}, 3, PRE, PRE, -1));
        assertArrayEquals(new int[]{7, 9, 9}, SequencePadding.pad(new int[]{7}, 3, POST, PRE, 9));
    }

    @Test
    void emptySequenceIsAllPadding() {
        assertArrayEquals(new int[]{0, 0, 0}, SequencePadding.pad(new int[0], 3, PRE, PRE, 0));
        assertArrayEquals(new int[0], SequencePadding.pad(SEQ, 0, PRE, PRE, 0));
    }

    @Test
    void rejectsNegativeMaxlen() {
        assertThrows(IllegalArgumentException.class, () -> SequencePadding.pad(SEQ, -1, PRE, PRE, 0));
    }

    @Test
    void keptMapsEverySurvivingItemToItsSlot() {
        // items 1..n are their own positions + 1: pad() shows where each went, kept() must say the same
        for (int n = 0; n <= 7; n++) {
            int[] seq = new int[n];
            for (int i = 0; i < n; i++) seq[i] = i + 1;
            for (SequenceEnd p : SequenceEnd.values()) {
                for (SequenceEnd t : SequenceEnd.values()) {
                    int[] padded = SequencePadding.pad(seq, 5, p, t, 0);
                    SequencePadding.Kept k = SequencePadding.kept(n, 5, p, t);
                    int[] expected = new int[5];
                    for (int j = 0; j < k.count(); j++) expected[k.firstSlot() + j] = seq[k.firstItem() + j];
                    assertArrayEquals(padded, expected, "n=" + n + " padding=" + p + " truncating=" + t);
                    assertEquals(Math.min(n, 5), k.count());
                }
            }
        }
        assertEquals(new SequencePadding.Kept(2, 0, 3), SequencePadding.kept(5, 3, POST, PRE));
        assertEquals(new SequencePadding.Kept(0, 2, 3), SequencePadding.kept(3, 5, PRE, POST));
        assertThrows(IllegalArgumentException.class, () -> SequencePadding.kept(3, -1, PRE, PRE));
    }
}
