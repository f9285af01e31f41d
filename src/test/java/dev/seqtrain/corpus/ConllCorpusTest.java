package dev.seqtrain.corpus;

import dev.seqtrain.testing.LocalSpark;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static dev.seqtrain.corpus.CorpusFixtures.bzip2;
import static dev.seqtrain.corpus.CorpusFixtures.conll;
import static dev.seqtrain.corpus.CorpusFixtures.id;
import static dev.seqtrain.corpus.CorpusFixtures.ordered;
import static dev.seqtrain.corpus.CorpusFixtures.withMaxSplitBytes;
import static dev.seqtrain.corpus.CorpusFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CoNLL: sentences, comments, column choice, rejected sentences, sentences across split boundaries. */
class ConllCorpusTest {
    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void spark() {
        spark = LocalSpark.session();
    }

    private static List<String> tokens(Row r) {
        return r.getList(2);
    }

    private static List<String> tags(Row r) {
        return r.getList(3);
    }

    /** Brown's shape: '# doc' comments, WORD TAB TAG TAB BASE_TAG, blank lines between sentences. */
    private static final String BROWN_LIKE = String.join("\n",
            "# doc = ca01",                 // 1
            "The\tat\tat",                  // 2
            "Fulton\tnp-tl\tnp",            // 3
            "#\tnn\tnn",                    // 4  '#' token (has a tab)
            ".\t.\t.",                      // 5
            "",                             // 6
            "  ",                           // 7  whitespace-only: also a boundary
            "# doc = ca02",                 // 8
            "# second comment",             // 9
            "Austin\tnp-hl\tnp",            // 10
            ",\t,-hl\t,",                   // 11
            "",                             // 12
            "Good\tjj\tjj",                 // 13
            "BadLine",                      // 14 too few columns: the sentence is rejected
            "after\tin\tin",                // 15
            "",                             // 16
            "Last\tnn\tnn") + "\n";         // 17 no blank line before the end of the file

    @Test
    void sentencesCommentsAndRejectedSentences() {
        Path file = write(dir.resolve("brown.conll"), BROWN_LIKE);
        Corpus corpus = CorpusReaders.read(spark, conll(0, 1), List.of(file.toString()));

        assertTrue(corpus.tagging());
        assertEquals(CorpusSchemas.TAGGING, corpus.rows().schema());
        List<Row> rows = ordered(corpus);
        assertEquals(List.of(id(file, 2), id(file, 10), id(file, 17)), rows.stream().map(r -> r.getString(0)).toList());
        assertEquals(List.of(1L, 9L, 16L), rows.stream().map(r -> r.getLong(1)).toList(), "ord = first token line index");
        assertEquals(List.of("The", "Fulton", "#", "."), tokens(rows.get(0)));
        assertEquals(List.of("at", "np-tl", "nn", "."), tags(rows.get(0)));
        assertEquals(List.of("Austin", ","), tokens(rows.get(1)));
        assertEquals(List.of("Last"), tokens(rows.get(2)));

        List<Row> bad = corpus.rejected().collectAsList();
        assertEquals(1, bad.size());
        assertEquals(id(file, 13), bad.get(0).getString(0));
        assertEquals("line 14: expected at least 2 columns, got 1", bad.get(0).getString(1));
        assertEquals("Good\tjj\tjj\nBadLine\nafter\tin\tin", bad.get(0).getString(2));
    }

    @Test
    void tagColumnChoiceAndWhitespaceSeparatedColumns() {
        Path brown = write(dir.resolve("brown.conll"), BROWN_LIKE);
        List<Row> base = ordered(CorpusReaders.read(spark, conll(0, 2), List.of(brown.toString())));
        assertEquals(List.of("at", "np", "nn", "."), tags(base.get(0)));

        Path chunks = write(dir.resolve("chunks.txt"), "# comment at a sentence start\nCosts NNS B-NP\n# # I-NP\n"
                + "5   CD I-NP\n\n  Rose VBD B-VP  \n");
        List<Row> rows = ordered(CorpusReaders.read(spark, conll(0, 2), List.of(chunks.toString())));
        assertEquals(2, rows.size());
        assertEquals(List.of("Costs", "#", "5"), tokens(rows.get(0)), "'#' inside a sentence is a token");
        assertEquals(List.of("B-NP", "I-NP", "I-NP"), tags(rows.get(0)));
        assertEquals(List.of("Rose"), tokens(rows.get(1)));
        assertEquals(id(chunks, 6), rows.get(1).getString(0));
    }

    @Test
    void predictInputMayHaveNoTags() {
        Path file = write(dir.resolve("predict.conll"), "Hello\nworld\n\nTagged\tnn\n");
        List<Row> rows = ordered(CorpusReaders.read(spark, conll(0, 1), List.of(file.toString()), false));
        assertEquals(List.of("Hello", "world"), tokens(rows.get(0)));
        assertNull(rows.get(0).get(3));
        assertEquals(List.of("nn"), tags(rows.get(1)));
    }

    /** Sentences of 1 to 40 tokens; sentence n's first token is "s{n}"; some have comments, some 2 blank lines. */
    private static String generated(int sentences) {
        Random random = new Random(11);
        StringBuilder out = new StringBuilder();
        for (int s = 0; s < sentences; s++) {
            if (s % 7 == 0) out.append("# doc = d").append(s).append('\n');
            int length = 1 + random.nextInt(40);
            for (int t = 0; t < length; t++) {
                String token = t == 0 ? "s" + s : Long.toString(random.nextLong() & 0xffffffL, 36);
                out.append(token).append('\t').append("T").append(random.nextInt(12)).append('\n');
            }
            out.append(s % 5 == 0 ? "\n\n" : "\n");
        }
        return out.toString();
    }

    private static List<String> flat(List<Row> rows) {
        return rows.stream().map(r -> r.getString(0) + " " + r.getLong(1) + " " + tokens(r) + " " + tags(r)).toList();
    }

    @Test
    void sentencesCrossingSplitBoundariesAreReadOnceWhole() {
        String content = generated(1200);   // ~250 KB: 3 bzip2 blocks
        Path plain = write(dir.resolve("gen/plain.conll"), content);
        Path bz = bzip2(dir.resolve("gen/packed.conll.bz2"), content);
        List<String> whole = flat(ordered(CorpusReaders.read(spark, conll(0, 1), List.of(plain.toString()))));
        assertEquals(1200, whole.size());
        for (int s = 0; s < whole.size(); s++) assertTrue(whole.get(s).matches(".* \\[s" + s + "[],].*"), whole.get(s));

        String plainPrefix = CorpusFixtures.hadoopPath(plain);
        String bzPrefix = CorpusFixtures.hadoopPath(bz);
        withMaxSplitBytes(spark, 8192, () -> {
            Corpus split = CorpusReaders.read(spark, conll(0, 1), List.of(plain.toString()));
            assertTrue(split.rows().javaRDD().getNumPartitions() > 25, "many small splits");
            assertEquals(whole, flat(ordered(split)));
            assertEquals(0, split.rejected().count());
        });
        withMaxSplitBytes(spark, 8 * 1024, () -> {
            Corpus packed = CorpusReaders.read(spark, conll(0, 1), List.of(bz.toString()));
            assertTrue(packed.rows().javaRDD().getNumPartitions() > 5, "bzip2 splits");
            List<String> fromBz = flat(ordered(packed)).stream().map(s -> s.replace(bzPrefix, plainPrefix)).toList();
            assertEquals(whole, fromBz, "same ids, ord, tokens and tags as the unsplit plain file");
        });
    }
}
