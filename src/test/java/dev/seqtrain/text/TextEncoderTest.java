package dev.seqtrain.text;

import dev.seqtrain.job.SequenceEnd;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TextEncoderTest {
    private static final List<String> CORPUS = List.of("The cat sat.", "the dog sat on the mat", "A cat");
    private static final List<String> PROBES =
            List.of("the dog sat on the mat", "a zebra", "", "cat cat cat cat cat cat cat cat", "THE MAT!");

    @Test
    void encodesExactlyLikeTheVocabulary() {
        for (Specs spec : List.of(Specs.keras(), Specs.keras().oov("<OOV>"), Specs.keras().numWords(4),
                Specs.keras().numWords(4).oov("<OOV>"), Specs.keras().charLevel().numWords(6))) {
            Vocabulary v = Vocabulary.fit(CORPUS, spec.build());
            TextEncoder encoder = TextEncoder.of(v);
            TextTokenizer tokenizer = TextTokenizer.of(v.spec());
            for (String text : PROBES) {
                assertArrayEquals(v.encode(tokenizer.tokenize(text)), encoder.encode(text), text);
            }
        }
    }

    @Test
    void padsWithTheSpecSettings() {
        Vocabulary v = Vocabulary.fit(CORPUS, Specs.keras().maxlen(4).padding(SequenceEnd.POST).truncating(SequenceEnd.PRE).value(0)
                .build());
        TextEncoder encoder = TextEncoder.of(v);
        assertArrayEquals(new int[]{2, 0, 0, 0}, encoder.encodePadded("cat"));
        assertArrayEquals(new int[]{3, 5, 1, 6}, encoder.encodePadded("the dog sat on the mat"));
        assertEquals(v.spec(), encoder.spec());
    }

    @Test
    void paddingWithoutMaxlenIsRefused() {
        TextEncoder encoder = TextEncoder.of(Vocabulary.fit(CORPUS, Specs.keras().build()));
        assertThrows(IllegalStateException.class, () -> encoder.encodePadded("cat"));
    }
}
