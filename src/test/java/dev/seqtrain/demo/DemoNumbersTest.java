package dev.seqtrain.demo;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The seq2seq demo's pairs: English number words and their digits, the same pair for the same seed and index. */
class DemoNumbersTest {

    @Test
    void spellsNumbersAsKerasCanTokenizeThem() {
        assertEquals("zero", DemoNumbers.words(0));
        assertEquals("nineteen", DemoNumbers.words(19));
        assertEquals("forty", DemoNumbers.words(40));
        assertEquals("three hundred forty two", DemoNumbers.words(342));
        assertEquals("one hundred", DemoNumbers.words(100));
        assertEquals("seven hundred eleven", DemoNumbers.words(711));
        String[] p = new DemoNumbers(7).pair(12);
        assertArrayEquals(p, new DemoNumbers(7).pair(12));
        assertEquals(DemoNumbers.words(Integer.parseInt(p[1])), p[0]);
    }
}
