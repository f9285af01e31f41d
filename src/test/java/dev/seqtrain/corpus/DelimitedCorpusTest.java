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
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.seqtrain.corpus.CorpusFixtures.hadoopPath;
import static dev.seqtrain.corpus.CorpusFixtures.id;
import static dev.seqtrain.corpus.CorpusFixtures.ordered;
import static dev.seqtrain.corpus.CorpusFixtures.spec;
import static dev.seqtrain.corpus.CorpusFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TSV and CSV: columns by name, delimiters, quoting, rejected rows, header errors. */
class DelimitedCorpusTest {
    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void spark() {
        spark = LocalSpark.session();
    }

    /** reason -> source of every rejected row. */
    private static Map<String, String> rejected(Corpus corpus) {
        return corpus.rejected().collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getString(1), r -> r.getString(0)));
    }

    @Test
    void tsvReadsColumnsByNameAndKeepsStrayQuotes() {
        Path tsv = write(dir.resolve("train.tsv"), "text\tlabel\n"
                + "a \"great\" film\tpos\n"
                + "He said \"no.\tneg\n"
                + "5' 11\" tall\tpos\n");
        Corpus corpus = CorpusReaders.read(spark, spec("tsv"), List.of(tsv.toString()));

        assertFalse(corpus.tagging());
        assertEquals(CorpusSchemas.CLASSIFICATION, corpus.rows().schema());
        assertEquals(CorpusSchemas.REJECTED, corpus.rejected().schema());
        List<Row> rows = ordered(corpus);
        assertEquals(List.of("a \"great\" film", "He said \"no.", "5' 11\" tall"), rows.stream().map(r -> r.getString(2)).toList());
        assertEquals(List.of("pos", "neg", "pos"), rows.stream().map(r -> r.getString(3)).toList());
        assertEquals(List.of(id(tsv, 2), id(tsv, 3), id(tsv, 4)), rows.stream().map(r -> r.getString(0)).toList());
        assertEquals(List.of(1L, 2L, 3L), rows.stream().map(r -> r.getLong(1)).toList(), "ord = file rank 0 | line index");
        assertEquals(0, corpus.rejected().count());
    }

    @Test
    void tsvRejectsWrongFieldCountEmptyTextAndMissingLabelWithReasons() {
        Path tsv = write(dir.resolve("bad.tsv"), "label\ttext\n"
                + "pos\tgood one\n"
                + "neg\t   \n"
                + "\tno label here\n"
                + "pos\ttoo\tmany\n"
                + "\n"
                + "neg\tlast one\n");
        Corpus corpus = CorpusReaders.read(spark, spec("tsv"), List.of(tsv.toString()));

        assertEquals(List.of("good one", "last one"), ordered(corpus).stream().map(r -> r.getString(2)).toList());
        assertEquals(Map.of(
                "empty text", id(tsv, 3),
                "missing label", id(tsv, 4),
                "expected 2 fields, got 3", id(tsv, 5)), rejected(corpus));
        Row tooMany = corpus.rejected().filter("reason like 'expected%'").first();
        assertEquals("pos\ttoo\tmany", tooMany.getString(2));
    }

    @Test
    void idColumnCustomDelimiterAndEmptyIdRejected() {
        Path tsv = write(dir.resolve("ids.psv"), "doc|text|label\nd-7|seven|a\n   |no id|b\nd-9|nine|c\n");
        Corpus corpus = CorpusReaders.read(spark, spec("tsv", null, null, "doc", "|", null), List.of(tsv.toString()));

        List<Row> rows = ordered(corpus);
        assertEquals(List.of("d-7", "d-9"), rows.stream().map(r -> r.getString(0)).toList());
        assertEquals(List.of(1L, 3L), rows.stream().map(r -> r.getLong(1)).toList());
        assertEquals(Map.of("empty id", id(tsv, 3)), rejected(corpus));
    }

    @Test
    void missingColumnNamesTheFileTheColumnAndTheHeader() {
        Path tsv = write(dir.resolve("h.tsv"), "review\tsentiment\nfine\tpos\n");
        SeqtrainException e = assertThrows(SeqtrainException.class,
                () -> CorpusReaders.read(spark, spec("tsv"), List.of(tsv.toString())));
        assertEquals(ExitCode.INPUT, e.exitCode());
        assertEquals(hadoopPath(tsv) + ": no column 'text' (data.text_column) in the header; its columns are: review, sentiment",
                e.getMessage());

        SeqtrainException label = assertThrows(SeqtrainException.class,
                () -> CorpusReaders.read(spark, spec("tsv", "review", null, null, null, null), List.of(tsv.toString())));
        assertTrue(label.getMessage().contains("no column 'label' (data.label_column)"), label.getMessage());
    }

    @Test
    void withoutHeaderColumnsAreIndexes() {
        Path tsv = write(dir.resolve("nohead.tsv"), "1\tfirst text\n0\tsecond text\n");
        Corpus corpus = CorpusReaders.read(spark, spec("tsv", "1", "0", null, null, false), List.of(tsv.toString()));
        List<Row> rows = ordered(corpus);
        assertEquals(List.of("first text", "second text"), rows.stream().map(r -> r.getString(2)).toList());
        assertEquals(List.of("1", "0"), rows.stream().map(r -> r.getString(3)).toList());
        assertEquals(id(tsv, 1), rows.get(0).getString(0));

        SeqtrainException e = assertThrows(SeqtrainException.class,
                () -> CorpusReaders.read(spark, spec("tsv", null, null, null, null, false), List.of(tsv.toString())));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().startsWith("data.text_column: data.header is false"), e.getMessage());
    }

    @Test
    void predictInputNeedsNoLabelColumn() {
        Path tsv = write(dir.resolve("predict.tsv"), "text\nunlabelled one\nunlabelled two\n");
        Corpus corpus = CorpusReaders.read(spark, spec("tsv"), List.of(tsv.toString()), false);
        List<Row> rows = ordered(corpus);
        assertEquals(2, rows.size());
        rows.forEach(r -> assertNull(r.get(3)));
        assertEquals(0, corpus.rejected().count());
    }

    @Test
    void csvHandlesRfc4180QuotingEmbeddedQuotesAndLineBreaks() {
        Path csv = write(dir.resolve("reviews.csv"), "id,text,label\r\n"
                + "r1,\"He said \"\"wow\"\", then left\",pos\r\n"
                + "r2,\"two\nline, review\",neg\r\n"
                + "r3,plain text,pos\r\n"
                + "r4,\"closed\"junk,neg\r\n"
                + "r5,missing label,\r\n"
                + "r6,too,many,fields\r\n"
                + "r7,\"never closed,pos\r\n"
                + "r8,swallowed,neg\r\n");
        Corpus corpus = CorpusReaders.read(spark, spec("csv", null, null, "id", null, null), List.of(csv.toString()));

        List<Row> rows = ordered(corpus);
        assertEquals(List.of("r1", "r2", "r3"), rows.stream().map(r -> r.getString(0)).toList());
        assertEquals(List.of("He said \"wow\", then left", "two\nline, review", "plain text"),
                rows.stream().map(r -> r.getString(2)).toList());
        assertEquals(List.of(1L, 2L, 4L), rows.stream().map(r -> r.getLong(1)).toList(), "ord = record start line");
        assertEquals(Map.of(
                "text after a closing quote", id(csv, 6),
                "missing label", id(csv, 7),
                "expected 3 fields, got 4", id(csv, 8),
                "unterminated quote starting at line 9 swallowed 2 lines (to the end of the file)", id(csv, 9)),
                rejected(corpus));
    }

    @Test
    void csvWithoutIdColumnUsesFileAndStartLine() {
        Path csv = write(dir.resolve("lines.csv"), "label;text\npos;\"multi\nline\"\nneg;after\n");
        Corpus corpus = CorpusReaders.read(spark, spec("csv", null, null, null, ";", null), List.of(csv.toString()));
        List<Row> rows = ordered(corpus);
        assertEquals(List.of(id(csv, 2), id(csv, 4)), rows.stream().map(r -> r.getString(0)).toList());
    }
}
