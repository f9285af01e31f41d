package dev.seqtrain.corpus;

import dev.seqtrain.errors.SpecException;
import dev.seqtrain.job.DataSpec;
import dev.seqtrain.job.EncodingErrors;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Reader;
import java.util.List;
import java.util.Map;

/**
 * Reads a corpus described by {@link DataSpec} from any Hadoop filesystem into DataFrames, in parallel on the
 * executors; nothing of the corpus is collected to the driver. Formats: {@code text-tree}, {@code tsv},
 * {@code csv}, {@code jsonl}, {@code parquet}, {@code conll}. Paths: {@code file://}, {@code hdfs://} or plain
 * paths, globs, directories, several paths; {@code .gz} and {@code .bz2} through Hadoop's codecs.
 *
 * <p>{@code ord} orders the records in corpus order (paths as given, each glob's matches sorted by path, then the
 * position inside the file), whatever Spark's partitioning: file rank {@code << 40 |} the record's first line
 * (0-based; the row index for Parquet, 0 for a text-tree document).
 */
public final class CorpusReaders {
    private static final Logger LOG = LoggerFactory.getLogger(CorpusReaders.class);
    /** Text-tree documents per task are sized so a task reads about this many bytes at least. */
    private static final long TEXT_TREE_BYTES_PER_SLICE = 32L << 20;

    private CorpusReaders() {
    }

    /** Picks the reader for data.format (any but demo); labels are required. */
    public static Corpus read(SparkSession spark, DataSpec data, List<String> paths) {
        return read(spark, data, paths, true);
    }

    /**
     * @param labelRequired false for predict input: a missing label (or label column, or CoNLL tag column) gives a
     *                      null label instead of a rejected row
     * @throws dev.seqtrain.errors.SeqtrainException INPUT when a path matches nothing or a named column is missing
     */
    public static Corpus read(SparkSession spark, DataSpec data, List<String> paths, boolean labelRequired) {
        return read(spark, data, paths, labelRequired, null);
    }

    /**
     * As above; with {@code numeric} (null for text) rows are numeric sequences ({@link CorpusSchemas#NUMERIC}) read
     * from {@code data.features_column} or {@code data.feature_columns} of tsv, csv, jsonl or parquet input, and a row whose
     * numbers do not make {@code numeric}'s shape is rejected with the reason.
     */
    public static Corpus read(SparkSession spark, DataSpec data, List<String> paths, boolean labelRequired,
                              NumericShape numeric) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        DataSpec.Format format = data.format();
        boolean tagging = format == DataSpec.Format.CONLL;
        if (numeric != null && (!format.holdsNumbers() || data.isDemo())) {
            throw new SpecException("data.format: numeric sequences (model.input) are read from tsv, csv, jsonl or parquet, "
                    + "got '" + format + "'");
        }
        boolean strictUtf8 = data.encodingErrors() == EncodingErrors.STRICT;
        JavaRDD<Parsed> parsed;
        List<InputFile> files;
        switch (format) {
            case TEXT_TREE -> {
                files = InputFiles.textTree(conf, paths, labelRequired, data.classes());
                parsed = WholeFileReader.read(spark, files, textTreeSlices(spark, files),
                        new TextTreeFileParser(labelRequired, strictUtf8));
            }
            case TSV -> {
                files = InputFiles.list(conf, paths);
                String delimiter = data.delimiter() == null ? "\t" : data.delimiter();
                Map<Long, ColumnLayout> layouts = DelimitedHeaders.resolve(conf, files, data, labelRequired, numeric,
                        in -> firstLine(in, delimiter));
                parsed = SplitLineReader.read(spark, files, TsvLineParser.factory(layouts, delimiter, labelRequired), strictUtf8);
            }
            case CSV -> {
                files = InputFiles.list(conf, paths);
                char delimiter = data.delimiter() == null ? ',' : data.delimiter().charAt(0);
                Map<Long, ColumnLayout> layouts = DelimitedHeaders.resolve(conf, files, data, labelRequired, numeric, in -> {
                    CsvRecordParser.Record first = new CsvRecordParser(in, delimiter, CsvFileParser.MAX_RECORD_CHARS).next();
                    return first == null ? null : first.error() == null ? first.fields() : List.of(first.raw());
                });
                parsed = WholeFileReader.read(spark, files, files.size(),
                        new CsvFileParser(layouts, delimiter, labelRequired, strictUtf8));
            }
            case JSONL -> {
                files = InputFiles.list(conf, paths);
                parsed = SplitLineReader.read(spark, files, numeric != null
                        ? NumericJsonLineParser.factory(data.featuresColumn(), data.featureColumns(), data.labelColumn(),
                                data.idColumn(), labelRequired, numeric)
                        : JsonLineParser.factory(data.textColumn(), data.labelColumn(), data.idColumn(), labelRequired),
                        strictUtf8);
            }
            case PARQUET -> {
                files = InputFiles.list(conf, paths);
                parsed = ParquetCorpusReader.read(spark, data, files, labelRequired, numeric);
            }
            case CONLL -> {
                files = InputFiles.list(conf, paths);
                parsed = SplitLineReader.read(spark, files, ConllLineParser.factory(data.tokenColumn(), data.tagColumn(),
                        labelRequired), strictUtf8);
            }
            // demo: generated, no files (a statement switch needs default for files/parsed to be assigned)
            default -> throw new SpecException("data.format: cannot read '" + format
                    + "' from files; use one of text-tree, tsv, csv, jsonl, parquet, conll");
        }
        LOG.info("corpus: {} {} file(s) from {}", files.size(), format, paths);
        return corpus(spark, parsed, tagging ? CorpusSchemas.TAGGING
                : numeric != null ? CorpusSchemas.NUMERIC : CorpusSchemas.CLASSIFICATION, tagging);
    }

    /** Reads no further than the first line, so a bad byte found while reading it is the header's. */
    private static List<String> firstLine(Reader in, String delimiter) throws IOException {
        StringBuilder line = new StringBuilder();
        int c = in.read();
        if (c == -1) return null;
        for (; c != -1 && c != '\n' && c != '\r'; c = in.read()) line.append((char) c);
        return DelimitedSplitter.split(line.toString(), delimiter);
    }

    /** Enough slices to use every core, and more for big trees, but never one task per file. */
    private static int textTreeSlices(SparkSession spark, List<InputFile> files) {
        long bytes = files.stream().mapToLong(InputFile::length).sum();
        long bySize = (bytes + TEXT_TREE_BYTES_PER_SLICE - 1) / TEXT_TREE_BYTES_PER_SLICE;
        long slices = Math.max(2L * spark.sparkContext().defaultParallelism(), bySize);
        return (int) Math.min(slices, files.size());
    }

    /**
     * Good rows, rejected rows and the outline as three lazy views of one parse. The parse is not cached: every pass
     * reads and parses the input again. Measured on a 256 MB TSV corpus in a 1 GB heap, re-reading is over twice as
     * fast as caching the parsed rows, which spill to disk through the serializer (docs/benchmarks/prepare.md); the jobs keep
     * their passes few instead (one survey over the {@code outline}, then the passes that need the text).
     */
    private static Corpus corpus(SparkSession spark, JavaRDD<Parsed> parsed, StructType schema, boolean tagging) {
        JavaRDD<Row> good = parsed.filter(Parsed::good).map(Parsed::row);
        JavaRDD<Row> bad = parsed.filter(p -> !p.good()).map(Parsed::row);
        JavaRDD<Row> outline = parsed.map(p -> p.outline(tagging));
        Dataset<Row> rows = spark.createDataFrame(good, schema);
        Dataset<Row> rejected = spark.createDataFrame(bad, CorpusSchemas.REJECTED);
        return new Corpus(rows, rejected, spark.createDataFrame(outline, CorpusSchemas.OUTLINE), tagging, parsed);
    }
}
