package dev.seqtrain.corpus;

import dev.seqtrain.job.SpecValues;
import dev.seqtrain.job.DataSpec;
import dev.seqtrain.job.EncodingErrors;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Writes test corpora (plain, gzip, bzip2) and builds specs; shared by the corpus tests. */
final class CorpusFixtures {

    private CorpusFixtures() {
    }

    static DataSpec spec(String format) {
        return spec(format, null, null, null, null, null);
    }

    static DataSpec spec(String format, String textColumn, String labelColumn, String idColumn, String delimiter,
                         Boolean header) {
        return new DataSpec(format(format), List.of("unused"), List.of(), List.of(), null, textColumn, labelColumn, idColumn,
                null, null, delimiter, header, null, null, null, null, null);
    }

    /** Numeric input: one packed column ({@code featuresColumn}) or one column per number. */
    static DataSpec numeric(String format, String featuresColumn, List<String> featureColumns, String labelColumn,
                            String idColumn, Boolean header) {
        return new DataSpec(format(format), List.of("unused"), List.of(), List.of(), null, null, labelColumn, idColumn,
                null, null, null, header, null, null, null, featuresColumn, featureColumns);
    }

    /** {@code data.format} as a spec spells it. */
    static DataSpec.Format format(String spelling) {
        return SpecValues.parse(DataSpec.Format.class, spelling).orElseThrow();
    }

    static DataSpec conll(int tokenColumn, int tagColumn) {
        return new DataSpec(DataSpec.Format.CONLL, List.of("unused"), List.of(), List.of(), null, null, null, null,
                tokenColumn, tagColumn, null, null, null, null, null, null, null);
    }

    /** The same spec with {@code data.encoding_errors} set. */
    static DataSpec encodingErrors(DataSpec d, EncodingErrors mode) {
        return new DataSpec(d.format(), d.train(), d.validation(), d.test(), d.validationSplit(), d.textColumn(),
                d.labelColumn(), d.idColumn(), d.tokenColumn(), d.tagColumn(), d.delimiter(), d.header(),
                d.maxRejectedFraction(), d.demo(), d.classes(), d.featuresColumn(), d.featureColumns(), mode);
    }

    /** Raw bytes, for input that is not valid UTF-8. */
    static Path writeBytes(Path file, byte[] content) {
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path gzip(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
                out.write(content.getBytes(StandardCharsets.UTF_8));
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** bzip2 with 100k blocks, so a few hundred KB make a multi-block (splittable into several splits) file. */
    static Path bzip2(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            try (OutputStream out = new BZip2CompressorOutputStream(Files.newOutputStream(file), 1)) {
                out.write(content.getBytes(StandardCharsets.UTF_8));
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Hadoop path string of a local file, as ids and sources print it. */
    static String hadoopPath(Path file) {
        return new org.apache.hadoop.fs.Path(file.toUri()).toString();
    }

    static String id(Path file, int line) {
        return hadoopPath(file) + ":" + line;
    }

    /** Runs body with Hadoop input splits of at most maxBytes (restores the shared session's setting). */
    static void withMaxSplitBytes(SparkSession spark, long maxBytes, Runnable body) {
        var conf = spark.sparkContext().hadoopConfiguration();
        String key = SplitLineReader.MAX_SPLIT_BYTES;
        String before = conf.get(key);
        conf.setLong(key, maxBytes);
        try {
            body.run();
        } finally {
            if (before == null) conf.unset(key);
            else conf.set(key, before);
        }
    }

    /** Good rows in corpus order. */
    static List<Row> ordered(Corpus corpus) {
        return corpus.rows().orderBy(CorpusSchemas.ORD).collectAsList();
    }

    static List<Row> rejectedBySource(Corpus corpus) {
        return corpus.rejected().orderBy(CorpusSchemas.SOURCE).collectAsList();
    }
}
