package dev.seqtrain.text;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class VocabularyTest {
    // the:3  cat:2 sat:2 (cat first)  dog on mat a:1 (in order of first occurrence)
    private static final List<String> CORPUS = List.of("The cat sat.", "the dog sat on the mat", "A cat");

    private static int[] encode(Vocabulary v, String text) {
        return v.encode(TextTokenizer.of(v.spec()).tokenize(text));
    }

    @Test
    void wordIndexIsByCountThenFirstOccurrenceStartingAtOne() {
        Vocabulary v = Vocabulary.fit(CORPUS, Specs.keras().build());
        assertEquals(List.of("the", "cat", "sat", "dog", "on", "mat", "a"), tokens(v));
        assertEquals(1, v.index("the"));
        assertEquals(7, v.index("a"));
        assertEquals(new TokenCount("the", 3, 2, 0, 0), v.entry(1));
        assertEquals(new TokenCount("sat", 2, 2, 0, 2), v.entry(3));
        assertEquals(new TokenCount("mat", 1, 1, 1, 5), v.entry(6));
        assertEquals(3, v.documentCount());
        assertEquals(7, v.size());
        assertEquals(8, v.inputDim(), "no num_words: largest index + 1");
        assertEquals(-1, v.oovIndex());
        assertArrayEquals(new int[]{1, 4, 3, 5, 1, 6}, encode(v, "the dog sat on the mat"));
        assertArrayEquals(new int[]{2, 3}, encode(v, "cat unknown sat"), "unknown words are dropped");
    }

    @Test
    void tiesKeepFirstOccurrenceOrder() {
        Vocabulary v = Vocabulary.fit(List.of("b a", "a b c", "c"), Specs.keras().build());
        assertEquals(List.of("b", "a", "c"), tokens(v));
    }

    @Test
    void oovTokenTakesIndexOneAndShiftsWords() {
        Vocabulary v = Vocabulary.fit(CORPUS, Specs.keras().oov("<OOV>").build());
        assertEquals(List.of("<OOV>", "the", "cat", "sat", "dog", "on", "mat", "a"), tokens(v));
        assertEquals(new TokenCount("<OOV>", 0, 0, -1, -1), v.entry(1));
        assertEquals(1, v.oovIndex());
        assertEquals(8, v.size());
        assertEquals(9, v.inputDim());
        assertArrayEquals(new int[]{3, 1, 4}, encode(v, "cat zebra sat"));
    }

    @Test
    void numWordsWithoutOovDropsIdsFromNumWordsOn() {
        Vocabulary v = Vocabulary.fit(CORPUS, Specs.keras().numWords(4).build());
        assertEquals(7, v.size(), "word_index keeps every word");
        assertEquals(4, v.inputDim());
        assertArrayEquals(new int[]{1, 3, 1}, encode(v, "the dog sat on the mat"));
    }

    @Test
    void numWordsWithOovMapsRareAndUnknownWordsToOne() {
        Vocabulary v = Vocabulary.fit(CORPUS, Specs.keras().numWords(4).oov("<OOV>").build());
        assertEquals(4, v.inputDim());
        // <OOV>1 the2 cat3 sat4 dog5 ...: ids >= 4 become 1
        assertArrayEquals(new int[]{2, 1, 1, 1, 2, 1, 1}, encode(v, "the dog sat on the mat zebra"));
        assertArrayEquals(new int[]{3}, encode(v, "cat"));
    }

    @Test
    void numWordsZeroMeansNoLimitAsInKeras() {
        Vocabulary v = Vocabulary.fit(CORPUS, Specs.keras().numWords(0).build());
        assertEquals(8, v.inputDim());
        assertArrayEquals(new int[]{7}, encode(v, "a"));
    }

    @Test
    void numWordsBeyondTheVocabularyIsTheInputDim() {
        Vocabulary v = Vocabulary.fit(CORPUS, Specs.keras().numWords(100).build());
        assertEquals(100, v.inputDim());
        assertArrayEquals(new int[]{7}, encode(v, "a"));
    }

    @Test
    void minCountLeavesRareWordsOutOfTheIndex() {
        Vocabulary v = Vocabulary.fit(CORPUS, Specs.keras().minCount(2).build());
        assertEquals(List.of("the", "cat", "sat"), tokens(v));
        assertNull(v.index("dog"));
        assertArrayEquals(new int[]{1, 3}, encode(v, "the dog sat"));

        Vocabulary withOov = Vocabulary.fit(CORPUS, Specs.keras().minCount(2).oov("<OOV>").build());
        assertArrayEquals(new int[]{2, 1, 4}, encode(withOov, "the dog sat"));
    }

    @Test
    void anOovTokenThatOccursAsAWordSharesIndexOne() {
        Vocabulary v = Vocabulary.fit(List.of("x unk x", "unk"), Specs.keras().oov("unk").build());
        assertEquals(List.of("unk", "x"), tokens(v));
        assertEquals(new TokenCount("unk", 2, 2, 0, 1), v.entry(1));
        assertArrayEquals(new int[]{1, 2, 1}, encode(v, "unk x y"));
    }

    @Test
    void emptyTextsCountAsDocuments() {
        Vocabulary v = Vocabulary.fit(List.of("", "!!", "a", ""), Specs.keras().build());
        assertEquals(4, v.documentCount());
        assertEquals(List.of("a"), tokens(v));
        assertArrayEquals(new int[0], encode(v, ""));

        Vocabulary none = Vocabulary.fit(List.of(""), Specs.keras().oov("<OOV>").build());
        assertEquals(List.of("<OOV>"), tokens(none));
        assertEquals(2, none.inputDim());
        assertArrayEquals(new int[]{1}, encode(none, "anything"));
    }

    @Test
    void charLevelVocabulary() {
        Vocabulary v = Vocabulary.fit(List.of("Abba!", "b a"), Specs.keras().charLevel().build());
        // a:3 b:3 (a first), !:1, ' ':1 (! first); filters do not apply
        assertEquals(List.of("a", "b", "!", " "), tokens(v));
        assertArrayEquals(new int[]{1, 2, 4, 3}, encode(v, "ab !"));
    }

    @Test
    void lookupsOfAbsentEntriesAreNull() {
        Vocabulary v = Vocabulary.fit(CORPUS, Specs.keras().build());
        assertNull(v.index("zebra"));
        assertNull(v.token(0));
        assertNull(v.token(8));
        assertNull(v.entry(-1));
        assertEquals("the", v.token(1));
    }

    @Test
    void fromCountsInAnyOrderEqualsTheLocalFit() {
        Vocabulary local = Vocabulary.fit(CORPUS, Specs.keras().oov("<OOV>").build());
        TokenCounter counter = new TokenCounter();
        for (int doc = 0; doc < CORPUS.size(); doc++) {
            counter.add(doc, TextTokenizer.of(local.spec()).tokenize(CORPUS.get(doc)));
        }
        List<TokenCount> shuffled = new ArrayList<>(counter.counts());
        Collections.shuffle(shuffled, new Random(7));
        assertEquals(local, Vocabulary.fromCounts(shuffled, local.spec(), CORPUS.size()));
    }

    @Test
    void fromCountsRejectsATokenCountedTwice() {
        List<TokenCount> counts = List.of(new TokenCount("a", 1, 1, 0, 0), new TokenCount("a", 2, 1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.fromCounts(counts, Specs.keras().build(), 2));
    }

    @Test
    void entriesByIndexStartsAtIndexOne() {
        Vocabulary v = Vocabulary.fit(CORPUS, Specs.keras().build());
        List<TokenCount> entries = v.entriesByIndex();
        assertEquals(v.size(), entries.size());
        for (int i = 0; i < entries.size(); i++) {
            assertEquals(v.entry(i + 1), entries.get(i));
        }
    }

    private static List<String> tokens(Vocabulary v) {
        List<String> out = new ArrayList<>();
        v.entriesByIndex().forEach(e -> out.add(e.token()));
        return out;
    }
}
