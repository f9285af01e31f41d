package dev.seqtrain.text;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TokenCounterTest {
    @Test
    void countsOccurrencesDocumentsAndFirstPosition() {
        TokenCounter c = new TokenCounter();
        c.add(0, List.of("a", "b", "a"));
        c.add(1, List.of("b", "b", "c"));
        assertEquals(List.of(new TokenCount("a", 2, 1, 0, 0), new TokenCount("b", 3, 2, 0, 1),
                new TokenCount("c", 1, 1, 1, 2)), c.counts());
        assertEquals(2, c.documentCount());
    }

    @Test
    void documentsMayArriveOutOfCorpusOrder() {
        TokenCounter c = new TokenCounter();
        c.add(5, List.of("x", "y"));
        c.add(2, List.of("y", "y", "x"));
        assertEquals(List.of(new TokenCount("x", 2, 2, 2, 2), new TokenCount("y", 3, 2, 2, 0)), c.counts());
    }

    @Test
    void mergeAddsCountsAndKeepsTheEarliestOccurrence() {
        TokenCount late = new TokenCount("w", 3, 2, 9, 0);
        TokenCount early = new TokenCount("w", 1, 1, 4, 7);
        assertEquals(new TokenCount("w", 4, 3, 4, 7), TokenCount.merge(late, early));
        assertEquals(new TokenCount("w", 4, 3, 4, 7), TokenCount.merge(early, late));
        assertThrows(IllegalArgumentException.class, () -> TokenCount.merge(late, new TokenCount("v", 1, 1, 0, 0)));
    }

    /** The distributed path (count per partition, merge by token, rank) gives exactly the local Keras fit. */
    @Test
    void partitionedCountingThenMergingEqualsTheLocalFit() {
        Random random = new Random(42);
        String[] words = {"a", "b", "c", "d", "e", "f", "g", "h"};
        List<String> corpus = new ArrayList<>();
        for (int doc = 0; doc < 300; doc++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                text.append(words[random.nextInt(1 + random.nextInt(words.length))]).append(' ');
            }
            if (doc % 10 == 3) {
                text.append("rare").append(doc).append(' '); // many count-1 ties, ordered by first occurrence
            }
            corpus.add(text.toString());
        }
        var spec = Specs.keras().oov("<OOV>").numWords(5).build();
        TextTokenizer tokenizer = TextTokenizer.of(spec);

        // 4 partitions of interleaved documents, processed last partition first
        Map<String, TokenCount> reduced = new LinkedHashMap<>();
        for (int part = 3; part >= 0; part--) {
            TokenCounter counter = new TokenCounter();
            for (int doc = part; doc < corpus.size(); doc += 4) {
                counter.add(doc, tokenizer.tokenize(corpus.get(doc)));
            }
            counter.counts().forEach(tc -> reduced.merge(tc.token(), tc, TokenCount::merge));
        }
        Vocabulary distributed = Vocabulary.fromCounts(reduced.values(), spec, corpus.size());
        Vocabulary local = Vocabulary.fit(corpus, spec);
        assertEquals(local, distributed);
        for (String text : corpus) {
            List<String> tokens = tokenizer.tokenize(text);
            assertArrayEquals(local.encode(tokens), distributed.encode(tokens));
        }
    }

    /** Counting ranges of the text gives what counting tokenize()'s strings gives, for every tokenizer path. */
    @Test
    void countingTextEqualsCountingItsTokens() {
        Random random = new Random(7);
        String[] pieces = {"Aa", "BB", "the", "The", "a.b", "x--y", "é", "ß", "\uD83D\uDE00", "  ", "<br />", "\t", "-"};
        List<String> corpus = new ArrayList<>();
        for (int doc = 0; doc < 400; doc++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(30); i > 0; i--) {
                text.append(pieces[random.nextInt(pieces.length)]);
                if (random.nextInt(3) > 0) text.append(' ');
                if (random.nextInt(20) == 0) text.append("w").append(random.nextInt(5000)); // many distinct: the table grows
            }
            corpus.add(text.toString());
        }
        for (var spec : List.of(Specs.keras().build(), Specs.keras().split("--").build(), Specs.keras().charLevel().build(),
                Specs.keras().lower(false).filters("").build())) {
            TextTokenizer tokenizer = TextTokenizer.of(spec);
            TokenCounter byText = new TokenCounter();
            TokenCounter byTokens = new TokenCounter();
            for (int i = corpus.size() - 1; i >= 0; i--) { // out of corpus order, as partitions may come
                byText.addText(i, corpus.get(i), tokenizer);
                byTokens.add(i, tokenizer.tokenize(corpus.get(i)));
            }
            assertEquals(byTokens.counts(), byText.counts(), "tokenizer " + spec);
            assertEquals(corpus.size(), byText.documentCount());
        }
    }

    /** "Aa" and "BB" have the same String.hashCode: still two tokens. */
    @Test
    void tokensWithEqualHashesStayApart() {
        TokenCounter c = new TokenCounter();
        c.add(0, List.of("Aa", "BB", "Aa"));
        assertEquals(List.of(new TokenCount("Aa", 2, 1, 0, 0), new TokenCount("BB", 1, 1, 0, 1)), c.counts());
    }
}
