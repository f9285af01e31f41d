package dev.seqtrain.corpus;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Reads files that must be parsed whole (CSV with quoted line breaks, text-tree documents) on the executors:
 * the file list is cut into slices, each task reads its files one after the other through the Hadoop FileSystem.
 * The file list travels in the task closure (Java serialization); only file numbers are parallelized.
 */
final class WholeFileReader {

    /** Parses one file into records, on the executor; may stream. */
    interface FileParser extends Serializable {
        Iterator<Parsed> parse(InputFile file, Configuration conf) throws IOException;
    }

    private WholeFileReader() {
    }

    static JavaRDD<Parsed> read(SparkSession spark, List<InputFile> files, int slices, FileParser parser) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<SerializableConfiguration> conf =
                jsc.broadcast(new SerializableConfiguration(spark.sparkContext().hadoopConfiguration()));
        InputFile[] byIndex = files.toArray(new InputFile[0]);
        List<Integer> indexes = IntStream.range(0, byIndex.length).boxed().toList();
        JavaRDD<Integer> slicesRdd = jsc.parallelize(indexes, Math.max(1, Math.min(slices, byIndex.length)));
        slicesRdd.setName("seqtrain corpus files (" + byIndex.length + ")");
        return slicesRdd.mapPartitions(it -> new LazyIterator<Parsed>() {
            private Iterator<Parsed> current = Collections.emptyIterator();

            @Override
            protected Parsed computeNext() {
                while (!current.hasNext()) {
                    if (!it.hasNext()) return null;
                    InputFile file = byIndex[it.next()];
                    try {
                        current = parser.parse(file, conf.value().value());
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read " + file.path(), e);
                    }
                }
                return current.next();
            }
        });
    }
}
