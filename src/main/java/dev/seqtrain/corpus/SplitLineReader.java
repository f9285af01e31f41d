package dev.seqtrain.corpus;

import dev.seqtrain.errors.SeqtrainException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.LineRecordReader;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;
import scala.Tuple2;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads line-based files split by split (Hadoop's splits: plain files and .bz2 are split, .gz is not) and knows
 * every line's number inside its file, whatever order Spark runs the splits in.
 *
 * <p>Two passes: the first counts the lines of every split (a few numbers per split reach the driver), the driver
 * turns them into each split's first line number; the second parses. A record that runs past its split's end
 * (a CoNLL sentence) is finished by reading on into the following bytes, as Hadoop does for a line.
 */
final class SplitLineReader {

    static final String MAX_SPLIT_BYTES = "mapreduce.input.fileinputformat.split.maxsize";
    /** Splits smaller than this cost more in task overhead than they win in parallelism (Spark's open cost). */
    private static final long MIN_SPLIT_BYTES = 4L << 20;

    private SplitLineReader() {
    }

    /**
     * Split size that gives every core work on a mid-sized corpus (a 12 MB file on 2 cores: 2 splits), as Spark's
     * file sources do; Hadoop still caps it at the block size (local files: 32 MB, HDFS: 128 MB).
     */
    private static long splitBytes(SparkSession spark, List<InputFile> files) {
        long bytes = files.stream().mapToLong(InputFile::length).sum();
        long perCore = (bytes + spark.sparkContext().defaultParallelism() - 1) / spark.sparkContext().defaultParallelism();
        return Math.max(MIN_SPLIT_BYTES, perCore);
    }

    /** @param strictUtf8 whether a line that is not UTF-8 goes to {@link LineParser#malformed} instead of being read */
    static JavaRDD<Parsed> read(SparkSession spark, List<InputFile> files, LineParser.Factory parsers, boolean strictUtf8) {
        Configuration conf = new Configuration(spark.sparkContext().hadoopConfiguration());
        conf.unset("textinputformat.record.delimiter");
        if (conf.get(MAX_SPLIT_BYTES) == null) conf.setLong(MAX_SPLIT_BYTES, splitBytes(spark, files));
        ListedTextInputFormat.setFiles(conf, files.stream().map(InputFile::path).toList());
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        @SuppressWarnings("unchecked")
        JavaNewHadoopRDD<LongWritable, Text> lines = (JavaNewHadoopRDD<LongWritable, Text>)
                jsc.newAPIHadoopRDD(conf, ListedTextInputFormat.class, LongWritable.class, Text.class);
        lines.setName("seqtrain corpus lines (" + files.size() + " files)");

        List<SplitStats> stats = lines.mapPartitionsWithInputSplit(SplitLineReader::count, false).collect();
        Map<String, SplitPlan> plans = plan(files, stats);
        // broadcast as Spark's own Hadoop RDDs do: deserialized once per executor, not once per task
        Broadcast<SerializableConfiguration> taskConf = jsc.broadcast(new SerializableConfiguration(conf));
        return lines.mapPartitionsWithInputSplit((split, it) -> {
            FileSplit fileSplit = (FileSplit) split;
            SplitPlan plan = plans.get(SplitPlan.key(fileSplit.getPath().toString(), fileSplit.getStart()));
            if (plan == null) throw new IllegalStateException("no plan for split " + fileSplit);
            return parse(plan, it, parsers.create(plan.file(), plan.previousLineBlank()), strictUtf8, taskConf);
        }, false);
    }

    private static Iterator<SplitStats> count(org.apache.hadoop.mapreduce.InputSplit split,
                                              Iterator<Tuple2<LongWritable, Text>> it) {
        FileSplit fileSplit = (FileSplit) split;
        long lines = 0;
        boolean lastBlank = false;
        while (it.hasNext()) {
            lastBlank = Lines.isBlank(it.next()._2());
            lines++;
        }
        return List.of(new SplitStats(fileSplit.getPath().toString(), fileSplit.getStart(), lines, lastBlank)).iterator();
    }

    /** Each split's first line number = the lines of the earlier splits of its file. */
    private static Map<String, SplitPlan> plan(List<InputFile> files, List<SplitStats> stats) {
        Map<String, InputFile> byPath = new HashMap<>();
        for (InputFile f : files) byPath.put(new Path(f.path()).toString(), f);
        Map<String, List<SplitStats>> byFile = new HashMap<>();
        for (SplitStats s : stats) byFile.computeIfAbsent(s.path, p -> new ArrayList<>()).add(s);
        Map<String, SplitPlan> plans = new HashMap<>();
        for (Map.Entry<String, List<SplitStats>> e : byFile.entrySet()) {
            InputFile file = byPath.get(e.getKey());
            if (file == null) throw new IllegalStateException("split of an unlisted file: " + e.getKey());
            List<SplitStats> splits = e.getValue();
            splits.sort(Comparator.comparingLong(s -> s.start));
            long offset = 0;
            boolean previousBlank = true;
            for (int i = 0; i < splits.size(); i++) {
                SplitStats s = splits.get(i);
                long end = i + 1 < splits.size() ? splits.get(i + 1).start : file.length();
                plans.put(s.key(), new SplitPlan(file, offset, previousBlank, end));
                offset += s.lines;
                if (s.lines > 0) previousBlank = s.lastLineBlank;
            }
            if (offset >= 1L << CorpusSchemas.ORD_FILE_SHIFT) {
                throw SeqtrainException.input("too many lines in " + file.path() + ": " + offset);
            }
        }
        return plans;
    }

    private static Iterator<Parsed> parse(SplitPlan plan, Iterator<Tuple2<LongWritable, Text>> it, LineParser parser,
                                          boolean strictUtf8, Broadcast<SerializableConfiguration> conf) {
        return new LazyIterator<>() {
            private final ArrayDeque<Parsed> ready = new ArrayDeque<>();
            private final List<Parsed> buffer = new ArrayList<>();
            private final Utf8Lines utf8 = strictUtf8 ? new Utf8Lines() : null;
            private long lineIndex = plan.lineOffset();
            private boolean finished;

            @Override
            protected Parsed computeNext() {
                while (ready.isEmpty() && !finished) {
                    if (it.hasNext()) {
                        feed(it.next()._2());
                    } else {
                        if (parser.open() && plan.hasMoreAfter()) readOn();
                        parser.end(buffer);
                        finished = true;
                    }
                    ready.addAll(buffer);
                    buffer.clear();
                }
                return ready.poll();
            }

            private void feed(Text bytes) {
                String line = utf8 == null ? bytes.toString() : utf8.decode(bytes);
                if (line != null) {
                    parser.line(lineIndex++, line, buffer);
                } else {
                    parser.malformed(lineIndex++, bytes.toString(), Lines.invalidUtf8(utf8.badByte(), "of the line"),
                            plan.file(), buffer);
                }
            }

            /** Feeds the lines after the split's end until the open record closes (the next splits' lines). */
            private void readOn() {
                long length = plan.file().length() - plan.end();
                FileSplit rest = new FileSplit(new Path(plan.file().path()), plan.end(), length, (String[]) null);
                try (LineRecordReader reader = new LineRecordReader()) {
                    reader.initialize(rest, new TaskAttemptContextImpl(conf.value().value(), new TaskAttemptID()));
                    while (parser.open() && reader.nextKeyValue()) {
                        feed(reader.getCurrentValue());
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("reading on past a split of " + plan.file().path(), e);
                }
            }
        };
    }
}
