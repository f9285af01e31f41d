package dev.seqtrain.corpus;

import dev.seqtrain.errors.ExitCode;
import dev.seqtrain.errors.SeqtrainException;
import dev.seqtrain.job.DataSpec;
import dev.seqtrain.testing.LocalSpark;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.seqtrain.corpus.CorpusFixtures.bzip2;
import static dev.seqtrain.corpus.CorpusFixtures.gzip;
import static dev.seqtrain.corpus.CorpusFixtures.hadoopPath;
import static dev.seqtrain.corpus.CorpusFixtures.ordered;
import static dev.seqtrain.corpus.CorpusFixtures.spec;
import static dev.seqtrain.corpus.CorpusFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Text trees: ROOT/label/*.txt, one document per file, read in few tasks. */
class TextTreeCorpusTest {
    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void spark() {
        spark = LocalSpark.session();
    }

    @Test
    void labelsAreFolderNamesAndDocumentsComeInPathOrder() {
        Path root = dir.resolve("imdb/train");
        List<Path> docs = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            String label = i % 2 == 0 ? "pos" : "neg";
            docs.add(write(root.resolve(label + "/" + i + "_7.txt"), "review " + i + " of " + label + "\nsecond \"line\""));
        }
        Path gz = gzip(root.resolve("neg/zz_gz.txt.gz"), "gzipped review");
        Path bz = bzip2(root.resolve("pos/deeper/zz_bz.txt.bz2"), "bzipped review");
        write(root.resolve("pos/empty.txt"), "  \n");
        write(root.resolve("pos/notes.md"), "not a document");
        write(root.resolve("pos/.hidden.txt"), "hidden");
        write(root.resolve("urls_pos.txt"), "http://... (no label folder: skipped when labels are required)");

        Corpus corpus = CorpusReaders.read(spark, spec("text-tree"), List.of(root.toString()));
        assertTrue(corpus.rows().javaRDD().getNumPartitions() <= 4, "few tasks, not one per file");
        List<Row> rows = ordered(corpus);
        assertEquals(152, rows.size());
        List<String> expected = new ArrayList<>(docs.stream().map(CorpusFixtures::hadoopPath).toList());
        expected.add(hadoopPath(gz));
        expected.add(hadoopPath(bz));
        expected.sort(null);
        assertEquals(expected, rows.stream().map(r -> r.getString(0)).toList(), "id = path, corpus order = path order");
        for (Row r : rows) {
            String label = r.getString(3);
            assertTrue(r.getString(0).contains("/" + label + "/"), r.getString(0));
        }
        Row first = rows.stream().filter(r -> r.getString(0).endsWith("/0_7.txt")).findFirst().orElseThrow();
        assertEquals("review 0 of pos\nsecond \"line\"", first.getString(2));
        Row gzRow = rows.stream().filter(r -> r.getString(0).equals(hadoopPath(gz))).findFirst().orElseThrow();
        assertEquals(List.of("gzipped review", "neg"), List.of(gzRow.getString(2), gzRow.getString(3)));
        Row bzRow = rows.stream().filter(r -> r.getString(0).equals(hadoopPath(bz))).findFirst().orElseThrow();
        assertEquals(List.of("bzipped review", "pos"), List.of(bzRow.getString(2), bzRow.getString(3)),
                "label = the folder under the root, also for nested files");

        List<Row> bad = corpus.rejected().collectAsList();
        assertEquals(1, bad.size());
        assertEquals(hadoopPath(root.resolve("pos/empty.txt")), bad.get(0).getString(0));
        assertEquals("empty text", bad.get(0).getString(1));
    }

    @Test
    void predictInputAlsoReadsUnlabelledFilesInTheRoot() {
        Path root = dir.resolve("predict");
        write(root.resolve("a.txt"), "unlabelled");
        write(root.resolve("pos/b.txt"), "labelled");
        List<Row> rows = ordered(CorpusReaders.read(spark, spec("text-tree"), List.of(root.toString()), false));
        assertEquals(2, rows.size());
        assertNull(rows.get(0).get(3));
        assertEquals("pos", rows.get(1).getString(3));
    }

    @Test
    void classesPickTheLabelFoldersToRead() {
        Path root = dir.resolve("classes");
        write(root.resolve("pos/a.txt"), "good");
        write(root.resolve("neg/b.txt"), "bad");
        write(root.resolve("unsup/c.txt"), "unlabelled review, IMDB style");
        DataSpec two = new DataSpec(DataSpec.Format.TEXT_TREE, List.of("unused"), List.of(), List.of(), null, null, null, null,
                null, null, null, null, null, null, List.of("pos", "neg"), null, null);
        List<Row> rows = ordered(CorpusReaders.read(spark, two, List.of(root.toString())));
        assertEquals(List.of("neg", "pos"), rows.stream().map(r -> r.getString(3)).toList());
        DataSpec missing = new DataSpec(DataSpec.Format.TEXT_TREE, List.of("unused"), List.of(), List.of(), null, null, null, null,
                null, null, null, null, null, null, List.of("pos", "neutral"), null, null);
        SeqtrainException e = assertThrows(SeqtrainException.class,
                () -> CorpusReaders.read(spark, missing, List.of(root.toString())));
        assertTrue(e.getMessage().startsWith("data.classes: no folder 'neutral' under "), e.getMessage());
    }

    @Test
    void aFileOrAnEmptyTreeIsAnInputError() {
        Path file = write(dir.resolve("file.txt"), "x");
        SeqtrainException notDir = assertThrows(SeqtrainException.class,
                () -> CorpusReaders.read(spark, spec("text-tree"), List.of(file.toString())));
        assertEquals(ExitCode.INPUT, notDir.exitCode());
        assertTrue(notDir.getMessage().startsWith("text-tree path is not a directory: " + hadoopPath(file)), notDir.getMessage());

        write(dir.resolve("empty/pos/readme.md"), "x");
        String empty = dir.resolve("empty").toString();
        SeqtrainException none = assertThrows(SeqtrainException.class,
                () -> CorpusReaders.read(spark, spec("text-tree"), List.of(empty)));
        assertEquals("text-tree path has no <label>/*.txt files: " + empty, none.getMessage());
    }
}
