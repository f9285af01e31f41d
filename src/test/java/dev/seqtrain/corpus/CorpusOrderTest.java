package dev.seqtrain.corpus;

import dev.seqtrain.errors.ExitCode;
import dev.seqtrain.errors.SeqtrainException;
import dev.seqtrain.testing.LocalSpark;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static dev.seqtrain.corpus.CorpusFixtures.bzip2;
import static dev.seqtrain.corpus.CorpusFixtures.gzip;
import static dev.seqtrain.corpus.CorpusFixtures.id;
import static dev.seqtrain.corpus.CorpusFixtures.ordered;
import static dev.seqtrain.corpus.CorpusFixtures.spec;
import static dev.seqtrain.corpus.CorpusFixtures.withMaxSplitBytes;
import static dev.seqtrain.corpus.CorpusFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Paths, globs, directories, codecs, and the corpus-order key ord and the file:line id. */
class CorpusOrderTest {
    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void spark() {
        spark = LocalSpark.session();
    }

    /** A TSV whose row on line n (1-based, header = line 1) has text "FILE row n ..." (random, poorly compressible). */
    private static String tsv(String name, int rows) {
        Random random = new Random(name.hashCode());
        StringBuilder out = new StringBuilder("label\ttext\n");
        for (int line = 2; line < rows + 2; line++) {
            out.append(line % 2 == 0 ? "pos" : "neg").append('\t').append(name).append(" row ").append(line).append(' ');
            for (int w = 0; w < 8; w++) out.append(Long.toString(random.nextLong() & Long.MAX_VALUE, 36)).append(' ');
            out.append('\n');
        }
        return out.toString();
    }

    private static void expectRows(List<Row> rows, List<Path> files, List<Integer> counts) {
        List<String> expectedIds = new ArrayList<>();
        for (int f = 0; f < files.size(); f++) {
            for (int line = 2; line < counts.get(f) + 2; line++) expectedIds.add(id(files.get(f), line));
        }
        List<String> ids = rows.stream().map(r -> r.getString(0)).toList();
        for (int i = 0; i < Math.min(ids.size(), expectedIds.size()); i++) {
            assertEquals(expectedIds.get(i), ids.get(i), "id of row " + i + " in corpus order");
        }
        assertEquals(expectedIds.size(), ids.size(), "rows");
        for (int i = 1; i < rows.size(); i++) {
            assertTrue(rows.get(i - 1).getLong(1) < rows.get(i).getLong(1), "ord strictly increasing at " + i);
        }
        for (Row r : rows) {
            String id = r.getString(0);
            int line = Integer.parseInt(id.substring(id.lastIndexOf(':') + 1));
            assertTrue(r.getString(2).contains(" row " + line + " "), "text of " + id + " is " + r.getString(2));
            assertEquals(line - 1, r.getLong(1) & ((1L << CorpusSchemas.ORD_FILE_SHIFT) - 1), "line index in ord of " + id);
        }
    }

    @Test
    void globsAndSeveralPathsGiveCorpusOrderWhateverTheSplits() {
        // sizes differ a lot, and tiny splits cut every file into many: Spark runs them in any order
        Path b = write(dir.resolve("in/b.tsv"), tsv("b", 7));
        Path a = write(dir.resolve("in/a.tsv"), tsv("a", 120));
        Path c = gzip(dir.resolve("more/c.tsv.gz"), tsv("c", 40));
        Path d = bzip2(dir.resolve("more/d.tsv.bz2"), tsv("d", 25));
        withMaxSplitBytes(spark, 256, () -> {
            Corpus corpus = CorpusReaders.read(spark, spec("tsv"), List.of(
                    dir.resolve("in/*.tsv").toString(),
                    "file://" + c,
                    dir.resolve("in/a.tsv").toString(),   // named twice: read once, at its first place
                    d.toString()));
            assertTrue(corpus.rows().javaRDD().getNumPartitions() > 10, "many splits");
            expectRows(ordered(corpus), List.of(a, b, c, d), List.of(120, 7, 40, 25));
            assertEquals(0, corpus.rejected().count());
        });
    }

    @Test
    void aMultiBlockBzip2FileIsSplitAndKeepsItsLineNumbers() {
        Path big = bzip2(dir.resolve("big.tsv.bz2"), tsv("big", 5000));    // ~600 KB: 6+ bzip2 blocks of 100 KB
        Path small = write(dir.resolve("small.tsv"), tsv("small", 3));
        withMaxSplitBytes(spark, 32 * 1024, () -> {
            Corpus corpus = CorpusReaders.read(spark, spec("tsv"), List.of(big.toString(), small.toString()));
            assertTrue(corpus.rows().javaRDD().getNumPartitions() > 6, "bz2 split into several splits");
            expectRows(ordered(corpus), List.of(big, small), List.of(5000, 3));
        });
    }

    @Test
    void aDirectoryIsReadRecursivelyWithoutHiddenFiles() {
        write(dir.resolve("parts/_SUCCESS"), "");
        write(dir.resolve("parts/.part-0.crc"), "garbage");
        Path p1 = write(dir.resolve("parts/part-1.tsv"), tsv("p1", 2));
        Path p0 = write(dir.resolve("parts/part-0.tsv"), tsv("p0", 3));
        Path nested = write(dir.resolve("parts/z/part-2.tsv"), tsv("p2", 1));
        Corpus corpus = CorpusReaders.read(spark, spec("tsv"), List.of(dir.resolve("parts").toString()));
        expectRows(ordered(corpus), List.of(p0, p1, nested), List.of(3, 2, 1));
    }

    @Test
    void aPathMatchingNothingIsAnInputErrorNamingIt() {
        String missing = dir.resolve("nope/train.tsv").toString();
        SeqtrainException e = assertThrows(SeqtrainException.class,
                () -> CorpusReaders.read(spark, spec("tsv"), List.of(missing)));
        assertEquals(ExitCode.INPUT, e.exitCode());
        assertEquals("input path matches no file: " + missing, e.getMessage());

        write(dir.resolve("x.tsv"), tsv("x", 1));
        String glob = dir.resolve("*.csv").toString();
        SeqtrainException g = assertThrows(SeqtrainException.class,
                () -> CorpusReaders.read(spark, spec("tsv"), List.of(dir.resolve("x.tsv").toString(), glob)));
        assertEquals("input path matches no file: " + glob, g.getMessage());
    }

    @Test
    void theOutlineHasEveryRecordGoodOrRejectedWithoutItsText() {
        Path f = write(dir.resolve("count.tsv"), tsv("count", 50) + "broken line\n");
        Corpus corpus = CorpusReaders.read(spark, spec("tsv"), List.of(f.toString()));
        assertEquals(CorpusSchemas.OUTLINE, corpus.outline().schema());
        List<Row> outline = corpus.outline().collectAsList();
        assertEquals(51, outline.size());
        List<Row> rejected = outline.stream().filter(r -> !r.getBoolean(0)).toList();
        assertEquals(1, rejected.size());
        assertTrue(rejected.get(0).isNullAt(1) && rejected.get(0).isNullAt(2), "a rejected record has no ord or label");
        Map<Long, String> labelByOrd = new HashMap<>();
        outline.stream().filter(r -> r.getBoolean(0)).forEach(r -> labelByOrd.put(r.getLong(1), r.getString(2)));
        Map<Long, String> expected = new HashMap<>();
        corpus.rows().collectAsList().forEach(r -> expected.put(r.getLong(1), r.getString(3)));
        assertEquals(expected, labelByOrd, "good records: the ord and label of the corpus rows");
    }
}
