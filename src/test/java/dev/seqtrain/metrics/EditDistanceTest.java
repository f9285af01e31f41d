package dev.seqtrain.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class EditDistanceTest {

    private static List<Character> chars(String s) {
        return s.chars().mapToObj(c -> (char) c).toList();
    }

    @Test
    void classicDistances() {
        assertEquals(3, EditDistance.distance(chars("kitten"), chars("sitting")));
        assertEquals(3, EditDistance.distance(chars("sitting"), chars("kitten")));
        assertEquals(0, EditDistance.distance(chars("abc"), chars("abc")));
        assertEquals(3, EditDistance.distance(chars(""), chars("abc")));
        assertEquals(2, EditDistance.distance(chars("ab"), chars("")));
        assertEquals(2, EditDistance.distance(chars("flaw"), chars("lawn")));
    }

    @Test
    void errorRateIsTotalEditsOverTotalReferenceTokens() {
        EditDistance e = new EditDistance();
        e.add(List.of("K", "AE1", "T"), List.of("K", "AE1", "T"));          // 0 edits, 3 tokens
        e.add(List.of("D", "AO1"), List.of("D", "AO1", "G"));               // 1 edit, 3 tokens
        e.add(List.of("B", "ER1", "D", "Z"), List.of("B", "ER1", "D"));     // 1 edit, 3 tokens
        assertEquals(2.0 / 9.0, e.errorRate(), 1e-12);
        assertEquals(1.0 / 3.0, e.exactMatch(), 1e-12);
        EditDistance merged = new EditDistance();
        merged.add(List.of("a"), List.of("b"));
        merged.merge(e);
        assertEquals(3.0 / 10.0, merged.errorRate(), 1e-12);
        assertEquals(4, merged.sequences());
    }
}
