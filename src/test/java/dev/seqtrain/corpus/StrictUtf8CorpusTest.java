package dev.seqtrain.corpus;

import dev.seqtrain.errors.ExitCode;
import dev.seqtrain.errors.SeqtrainException;
import dev.seqtrain.job.EncodingErrors;
import dev.seqtrain.testing.LocalSpark;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static dev.seqtrain.corpus.CorpusFixtures.conll;
import static dev.seqtrain.corpus.CorpusFixtures.encodingErrors;
import static dev.seqtrain.corpus.CorpusFixtures.id;
import static dev.seqtrain.corpus.CorpusFixtures.ordered;
import static dev.seqtrain.corpus.CorpusFixtures.spec;
import static dev.seqtrain.corpus.CorpusFixtures.write;
import static dev.seqtrain.corpus.CorpusFixtures.writeBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bytes that are not UTF-8 make their row a rejected row (file, line, reason) under the default
 * {@code data.encoding_errors: strict}, in every line and whole-file reader; {@code replace} reads them as U+FFFD.
 */
class StrictUtf8CorpusTest {
    /** Latin-1 "café": 0xE9 followed by ASCII is not UTF-8. */
    static final byte[] LATIN1_CAFE = {'c', 'a', 'f', (byte) 0xE9};

    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void spark() {
        spark = LocalSpark.session();
    }

    /** The UTF-8 of the parts, raw byte arrays inserted as they are. */
    static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) out.writeBytes(p instanceof byte[] b ? b : p.toString().getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static List<String> texts(Corpus corpus) {
        return ordered(corpus).stream().map(r -> r.getString(2)).toList();
    }

    private static List<String> rejections(Corpus corpus) {
        return CorpusFixtures.rejectedBySource(corpus).stream().map(r -> r.getString(0) + " " + r.getString(1)).toList();
    }

    @Test
    void tsvRowWithInvalidUtf8IsRejectedWithFileLineAndByte() {
        Path tsv = writeBytes(dir.resolve("train.tsv"), bytes("text\tlabel\nfine one\tpos\n", LATIN1_CAFE,
                " au lait\tneg\nfine two\tneg\n"));
        Corpus corpus = CorpusReaders.read(spark, spec("tsv"), List.of(tsv.toString()));

        assertEquals(List.of("fine one", "fine two"), texts(corpus));
        assertEquals(List.of(id(tsv, 3) + " invalid UTF-8 at byte 4 of the line"), rejections(corpus));
        assertTrue(corpus.rejected().collectAsList().get(0).getString(2).startsWith("caf\uFFFD au lait"));
    }

    @Test
    void replaceKeepsTheRowWithReplacementCharacters() {
        Path tsv = writeBytes(dir.resolve("train.tsv"), bytes("text\tlabel\n", LATIN1_CAFE, "\tneg\nfine\tpos\n"));
        Corpus corpus = CorpusReaders.read(spark, encodingErrors(spec("tsv"), EncodingErrors.REPLACE),
                List.of(tsv.toString()));

        assertEquals(List.of("caf\uFFFD", "fine"), texts(corpus));
        assertEquals(0, corpus.rejected().count());
    }

    @Test
    void csvRecordWithInvalidUtf8IsRejectedAndTheFileGoesOn() {
        // the bad byte sits on the second line of a quoted two-line field: the record (from line 3) is rejected
        Path csv = writeBytes(dir.resolve("train.csv"), bytes("text,label\nfine one,pos\n\"two\n", LATIN1_CAFE,
                "\",neg\nfine two,neg\n"));
        Corpus corpus = CorpusReaders.read(spark, spec("csv"), List.of(csv.toString()));

        assertEquals(List.of("fine one", "fine two"), texts(corpus));
        assertEquals(List.of(id(csv, 3) + " invalid UTF-8 at byte 33 of the file"), rejections(corpus));
    }

    @Test
    void csvWithCarriageReturnLineEndsKeepsABadByteWithItsOwnRecord() {
        // the record starts with the bad byte: reading ahead for an LF after the CR would find it
        Path csv = writeBytes(dir.resolve("mac.csv"), bytes("text,label\rfine one,pos\r", new byte[]{(byte) 0xE9},
                "tude,neg\rfine two,neg\r\n"));
        Corpus corpus = CorpusReaders.read(spark, spec("csv"), List.of(csv.toString()));

        assertEquals(List.of("fine one", "fine two"), texts(corpus));
        assertEquals(List.of(id(csv, 3) + " invalid UTF-8 at byte 25 of the file"), rejections(corpus));
    }

    @Test
    void jsonlLineWithInvalidUtf8IsRejected() {
        Path jsonl = writeBytes(dir.resolve("train.jsonl"), bytes("{\"text\": \"fine\", \"label\": \"pos\"}\n",
                "{\"text\": \"", LATIN1_CAFE, "\", \"label\": \"neg\"}\n"));
        Corpus corpus = CorpusReaders.read(spark, spec("jsonl"), List.of(jsonl.toString()));

        assertEquals(List.of("fine"), texts(corpus));
        assertEquals(List.of(id(jsonl, 2) + " invalid UTF-8 at byte 14 of the line"), rejections(corpus));
    }

    @Test
    void conllSentenceWithAnInvalidTokenLineIsRejectedWhole() {
        Path file = writeBytes(dir.resolve("train.conll"), bytes("The\tDT\ndog\tNN\n\nA\tDT\n", LATIN1_CAFE,
                "\tNN\nopens\tVBZ\n\nIt\tPRP\n"));
        Corpus corpus = CorpusReaders.read(spark, conll(0, 1), List.of(file.toString()));

        List<Row> sentences = ordered(corpus);
        assertEquals(List.of(List.of("The", "dog"), List.of("It")),
                sentences.stream().map(r -> r.<String>getList(2)).toList());
        assertEquals(List.of(id(file, 4) + " line 5: invalid UTF-8 at byte 4 of the line"), rejections(corpus));
    }

    @Test
    void textTreeDocumentWithInvalidUtf8IsRejected() {
        writeBytes(dir.resolve("tree/pos/1.txt"), bytes("so good"));
        Path bad = writeBytes(dir.resolve("tree/neg/2.txt"), bytes("line one\n", LATIN1_CAFE));
        Corpus corpus = CorpusReaders.read(spark, spec("text-tree"), List.of(dir.resolve("tree").toString()));

        assertEquals(List.of("so good"), texts(corpus));
        assertEquals(List.of(CorpusFixtures.hadoopPath(bad) + " invalid UTF-8 at byte 13 of the file"),
                rejections(corpus));
    }

    @Test
    void gzipCompressedInputIsCheckedAfterDecompression() throws IOException {
        Path gz = dir.resolve("train.tsv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(bytes("text\tlabel\nfine\tpos\n", LATIN1_CAFE, "\tneg\n"));
        }
        Corpus corpus = CorpusReaders.read(spark, spec("tsv"), List.of(gz.toString()));

        assertEquals(List.of("fine"), texts(corpus));
        assertEquals(List.of(id(gz, 3) + " invalid UTF-8 at byte 4 of the line"), rejections(corpus));
    }

    @Test
    void aHeaderThatIsNotUtf8StopsTheReadNamingTheFile() {
        Path tsv = writeBytes(dir.resolve("train.tsv"), bytes(LATIN1_CAFE, "\tlabel\nfine\tpos\n"));
        SeqtrainException e = assertThrows(SeqtrainException.class,
                () -> CorpusReaders.read(spark, spec("tsv", LATIN1_TEXT, null, null, null, null), List.of(tsv.toString())));
        assertEquals(ExitCode.INPUT, e.exitCode());
        assertEquals(CorpusFixtures.hadoopPath(tsv) + ":1: the header is not UTF-8 (invalid UTF-8 at byte 4 of the file);"
                + " fix the file or set data.encoding_errors: replace", e.getMessage());
    }

    private static final String LATIN1_TEXT = "caf\uFFFD";

    @Test
    void anEmptyFileFailsAsAnEmptyDirectoryDoes() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.tsv"));
        Path emptyDir = Files.createDirectories(dir.resolve("incoming"));
        Files.createFile(Files.createDirectories(dir.resolve("parts")).resolve("part-0.tsv"));
        for (String path : List.of(empty.toString(), emptyDir.toString(), dir.resolve("parts").toString())) {
            SeqtrainException e = assertThrows(SeqtrainException.class,
                    () -> CorpusReaders.read(spark, spec("tsv"), List.of(path)));
            assertEquals(ExitCode.INPUT, e.exitCode(), path);
        }
        assertEquals("input path has no data: " + empty + " is an empty file", assertThrows(SeqtrainException.class,
                () -> CorpusReaders.read(spark, spec("jsonl"), List.of(empty.toString()))).getMessage());
        assertEquals("input path has no data: " + dir.resolve("parts") + " holds only empty files",
                assertThrows(SeqtrainException.class,
                        () -> CorpusReaders.read(spark, spec("csv"), List.of(dir.resolve("parts").toString()))).getMessage());
    }

    @Test
    void anUnterminatedQuoteSaysHowManyLinesItSwallowed() {
        StringBuilder text = new StringBuilder("text,label\nfine,pos\n\"never closed,neg\n");
        for (int i = 0; i < 40; i++) text.append("row ").append(i).append(",pos\n");
        Path csv = write(dir.resolve("train.csv"), text.toString());
        Corpus corpus = CorpusReaders.read(spark, spec("csv"), List.of(csv.toString()));

        assertEquals(List.of("fine"), texts(corpus));
        assertEquals(List.of(id(csv, 3) + " unterminated quote starting at line 3 swallowed 41 lines (to the end of"
                + " the file)"), rejections(corpus));
        assertFalse(texts(corpus).contains("row 0"));
    }
}
