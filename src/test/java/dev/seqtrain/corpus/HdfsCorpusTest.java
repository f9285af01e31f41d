package dev.seqtrain.corpus;

import dev.seqtrain.errors.SeqtrainException;
import dev.seqtrain.testing.LocalSpark;
import dev.seqtrain.testing.MiniHdfs;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static dev.seqtrain.corpus.CorpusFixtures.conll;
import static dev.seqtrain.corpus.CorpusFixtures.ordered;
import static dev.seqtrain.corpus.CorpusFixtures.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads from a real HDFS (MiniDFSCluster): hdfs:// paths, globs, gzip through the codec, CoNLL, text trees. */
class HdfsCorpusTest {
    private static SparkSession spark;
    private static MiniHdfs hdfs;

    @TempDir
    static java.nio.file.Path base;

    @BeforeAll
    static void start() throws IOException {
        spark = LocalSpark.session();
        hdfs = MiniHdfs.start(base.resolve("hdfs"));
    }

    @AfterAll
    static void stop() {
        if (hdfs != null) hdfs.close();
    }

    @Test
    void readsTsvGlobsAndGzipFromHdfs() throws IOException {
        String a = hdfs.write("/corpora/imdb/a.tsv", "text\tlabel\nfirst \"doc\"\tpos\nsecond doc\tneg\n");
        String c = hdfs.uri() + "/corpora/imdb/c.tsv.gz";
        try (OutputStream out = new GZIPOutputStream(hdfs.fileSystem().create(new Path(c)))) {
            out.write("text\tlabel\ngzipped doc\tpos\n".getBytes(StandardCharsets.UTF_8));
        }
        hdfs.write("/corpora/imdb/_SUCCESS", "");

        Corpus corpus = CorpusReaders.read(spark, spec("tsv"), List.of(hdfs.uri() + "/corpora/imdb/*"));
        List<Row> rows = ordered(corpus);
        assertEquals(List.of(a + ":2", a + ":3", c + ":2"), rows.stream().map(r -> r.getString(0)).toList());
        assertTrue(a.startsWith("hdfs://localhost:"), a);
        assertEquals(List.of("first \"doc\"", "second doc", "gzipped doc"), rows.stream().map(r -> r.getString(2)).toList());
    }

    @Test
    void readsConllAndTextTreesFromHdfs() throws IOException {
        String file = hdfs.write("/corpora/pos/train.conll", "# doc = a\nThe\tat\ndog\tnn\n\nRuns\tvbz\n");
        List<Row> sentences = ordered(CorpusReaders.read(spark, conll(0, 1), List.of(file)));
        assertEquals(List.of(file + ":2", file + ":5"), sentences.stream().map(r -> r.getString(0)).toList());
        assertEquals(List.of("The", "dog"), sentences.get(0).getList(2));

        hdfs.write("/corpora/tree/pos/1.txt", "good");
        hdfs.write("/corpora/tree/neg/2.txt", "bad");
        List<Row> docs = ordered(CorpusReaders.read(spark, spec("text-tree"), List.of(hdfs.uri() + "/corpora/tree")));
        assertEquals(List.of("neg", "pos"), docs.stream().map(r -> r.getString(3)).toList());
    }

    @Test
    void invalidUtf8OnHdfsIsARejectedRowInLineAndWholeFileReaders() throws IOException {
        String tsv = hdfs.uri() + "/corpora/latin1/train.tsv";
        String csv = hdfs.uri() + "/corpora/latin1/train.csv.gz";
        try (OutputStream out = hdfs.fileSystem().create(new Path(tsv))) {
            out.write(StrictUtf8CorpusTest.bytes("text\tlabel\nfine\tpos\n", StrictUtf8CorpusTest.LATIN1_CAFE, "\tneg\n"));
        }
        try (OutputStream out = new GZIPOutputStream(hdfs.fileSystem().create(new Path(csv)))) {
            out.write(StrictUtf8CorpusTest.bytes("text,label\n", StrictUtf8CorpusTest.LATIN1_CAFE, ",neg\nfine,pos\n"));
        }
        Corpus lines = CorpusReaders.read(spark, spec("tsv"), List.of(tsv));
        assertEquals(List.of("fine"), ordered(lines).stream().map(r -> r.getString(2)).toList());
        assertEquals(List.of(tsv + ":3 invalid UTF-8 at byte 4 of the line"), lines.rejected().collectAsList().stream()
                .map(r -> r.getString(0) + " " + r.getString(1)).toList());
        Corpus records = CorpusReaders.read(spark, spec("csv"), List.of(csv));
        assertEquals(List.of("fine"), ordered(records).stream().map(r -> r.getString(2)).toList());
        assertEquals(List.of(csv + ":2 invalid UTF-8 at byte 15 of the file"), records.rejected().collectAsList().stream()
                .map(r -> r.getString(0) + " " + r.getString(1)).toList());
    }

    @Test
    void aMissingHdfsPathIsAnInputError() {
        String missing = hdfs.uri() + "/nothing/here.tsv";
        SeqtrainException e = assertThrows(SeqtrainException.class,
                () -> CorpusReaders.read(spark, spec("tsv"), List.of(missing)));
        assertEquals("input path matches no file: " + missing, e.getMessage());
    }
}
