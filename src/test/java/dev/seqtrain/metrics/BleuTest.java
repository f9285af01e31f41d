package dev.seqtrain.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Corpus BLEU against values worked out by hand from Papineni et al. (2002)'s definitions. */
class BleuTest {

    private static List<String> words(String s) {
        return s.isEmpty() ? List.of() : Arrays.asList(s.split(" "));
    }

    @Test
    void identicalSentenceScoresOne() {
        Bleu bleu = new Bleu();
        bleu.add(words("the cat sat on the mat"), words("the cat sat on the mat"));
        assertEquals(1.0, bleu.score(), 1e-12);
    }

    @Test
    void repeatedWordsAreClippedToTheirReferenceCount() {
        // the paper's example: "the" x7 against a reference with two "the": unigram precision 2/7
        Bleu bleu = new Bleu();
        bleu.add(words("the the the the the the the"), words("the cat is on the mat"));
        assertEquals(2.0 / 7.0, bleu.precision(1), 1e-12);
        assertEquals(0.0, bleu.precision(2), 1e-12);
        assertEquals(0.0, bleu.score(), 1e-12);
    }

    @Test
    void shortCandidateWorkedByHand() {
        // a b c d e | a b c d f g: p1..p4 = 4/5, 3/4, 2/3, 1/2 (geometric mean 0.2^(1/4));
        // c = 5 < r = 6, brevity penalty exp(1 - 6/5): BLEU = 0.66874 x 0.81873 = 0.5475183
        Bleu bleu = new Bleu();
        bleu.add(words("a b c d e"), words("a b c d f g"));
        assertEquals(0.8, bleu.precision(1), 1e-12);
        assertEquals(0.75, bleu.precision(2), 1e-12);
        assertEquals(2.0 / 3.0, bleu.precision(3), 1e-12);
        assertEquals(0.5, bleu.precision(4), 1e-12);
        assertEquals(0.8187308, bleu.brevityPenalty(), 1e-7);
        assertEquals(0.5475183, bleu.score(), 1e-7);
    }

    @Test
    void corpusCountsAreSummedBeforeTheMean() {
        // adds "x y z w" | "x y z w": p = 8/9, 6/7, 4/5, 2/3; c = 9, r = 10: BLEU = 0.40635^(1/4) x exp(-1/9) = 0.7144468
        Bleu bleu = new Bleu();
        bleu.add(words("a b c d e"), words("a b c d f g"));
        bleu.add(words("x y z w"), words("x y z w"));
        assertEquals(0.7144468, bleu.score(), 1e-7);
        // not the mean of the sentence scores (0.5475 and 1)
        assertEquals(0.7144468, new Bleu().merge(sentence("a b c d e", "a b c d f g"))
                .merge(sentence("x y z w", "x y z w")).score(), 1e-7);
    }

    @Test
    void brevityUsesTheClosestReferenceLengthShorterOnATie() {
        Bleu closest = new Bleu();
        closest.addWithReferences(words("a b c d e"), List.of(words("a b c d"), words("a b c d e f g")));
        assertEquals(1.0, closest.brevityPenalty(), 1e-12); // r = 4 < c = 5
        Bleu tie = new Bleu();
        tie.addWithReferences(words("a b c d e"), List.of(words("a b c d e f"), words("a b c d")));
        assertEquals(1.0, tie.brevityPenalty(), 1e-12); // 4 and 6 are both 1 away: the shorter, 4
        Bleu longer = new Bleu();
        longer.addWithReferences(words("a b c d e"), List.of(words("a b c d e f g")));
        assertEquals(Math.exp(1.0 - 7.0 / 5.0), longer.brevityPenalty(), 1e-12);
    }

    @Test
    void clippingTakesTheMaximumCountOverReferences() {
        Bleu bleu = new Bleu();
        bleu.addWithReferences(words("a a a"), List.of(words("a b"), words("a a c")));
        assertEquals(2.0 / 3.0, bleu.precision(1), 1e-12);
    }

    @Test
    void emptyCandidatesScoreZero() {
        Bleu bleu = new Bleu();
        bleu.add(words(""), words("a b"));
        assertEquals(0.0, bleu.score(), 1e-12);
    }

    private static Bleu sentence(String candidate, String reference) {
        Bleu b = new Bleu();
        b.add(words(candidate), words(reference));
        return b;
    }
}
