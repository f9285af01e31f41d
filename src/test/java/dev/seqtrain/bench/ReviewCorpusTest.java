package dev.seqtrain.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The benchmark corpus is what the benchmark claims: deterministic, IMDB-sized reviews, Zipf-like vocabulary. */
class ReviewCorpusTest {

    @Test
    void sameSeedSameBytesOtherSeedOtherBytes(@TempDir Path dir) throws Exception {
        List<Path> a = new ReviewCorpus(3, 5_000).write(dir.resolve("a"), 200_000, 2);
        List<Path> b = new ReviewCorpus(3, 5_000).write(dir.resolve("b"), 200_000, 2);
        List<Path> c = new ReviewCorpus(4, 5_000).write(dir.resolve("c"), 200_000, 2);
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(Files.readAllBytes(a.get(i)), Files.readAllBytes(b.get(i)));
            assertFalse(java.util.Arrays.equals(Files.readAllBytes(a.get(i)), Files.readAllBytes(c.get(i))));
        }
    }

    @Test
    void reviewsAreLabelledTsvOfAboutOnePointThreeKilobytes(@TempDir Path dir) throws Exception {
        List<Path> files = new ReviewCorpus(7, ReviewCorpus.DEFAULT_VOCABULARY).write(dir, 4_000_000, 2);
        long bytes = 0;
        long docs = 0;
        Set<String> words = new HashSet<>();
        long tokens = 0;
        for (Path f : files) {
            bytes += Files.size(f);
            for (String line : Files.readAllLines(f)) {
                docs++;
                String[] cols = line.split("\t", -1);
                assertEquals(2, cols.length, line);
                assertTrue(cols[0].equals("pos") || cols[0].equals("neg"), cols[0]);
                for (String w : cols[1].toLowerCase().split("[ .!?,<>/]+")) {
                    if (!w.isEmpty()) {
                        words.add(w);
                        tokens++;
                    }
                }
            }
        }
        double perDoc = bytes / (double) docs;
        assertTrue(perDoc > 1_150 && perDoc < 1_450, "bytes per review: " + perDoc);
        // Zipf: a few MB see a large part, not all, of the 100k words; and far fewer types than tokens
        assertTrue(words.size() > 30_000 && words.size() < 100_000 + 20, "distinct words: " + words.size());
        assertTrue(tokens > 5L * words.size(), "tokens " + tokens + " for " + words.size() + " words");
    }
}
