package dev.seqtrain.train;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.SerializableConfiguration;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * {@code training.approach: export}: the mini-batches written once, as DL4J {@code DataSet} files in a directory every
 * executor reads, and reused by every epoch of the run, which deals the same files in a new seeded order into exact
 * averaging rounds ({@link RoundLayout} with one file per "row"). An epoch then costs no shuffle of the rows and no
 * batch building, at the price of a batch composition fixed at export (only the batches' order changes). The
 * directory is removed when the run's training ends.
 */
final class ExportedBatches implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("seqtrain");

    private final JavaSparkContext jsc;
    private final Path dir;
    private final List<String> paths;

    private ExportedBatches(JavaSparkContext jsc, Path dir, List<String> paths) {
        this.jsc = jsc;
        this.dir = dir;
        this.paths = paths;
    }

    /** Writes {@code batches} under {@code dir} (replacing what an earlier run left there), one file per batch. */
    static ExportedBatches write(JavaSparkContext jsc, JavaRDD<DataSet> batches, Path dir) {
        long t0 = System.nanoTime();
        FileSystem fs = fs(jsc, dir);
        try {
            fs.delete(dir, true);
            fs.mkdirs(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the export directory " + dir, e);
        }
        Broadcast<SerializableConfiguration> conf = jsc.broadcast(new SerializableConfiguration(jsc.hadoopConfiguration()));
        String base = fs.makeQualified(dir).toString();
        List<String> paths = new ArrayList<>(batches.mapPartitionsWithIndex(
                (p, it) -> save(base, p, it, conf.value()), false).collect());
        Collections.sort(paths); // partition, then batch: the epoch's order (the names sort as numbers)
        LOG.info(String.format("exported %,d batches to %s in %.1f s (training.approach: export)", paths.size(), base,
                (System.nanoTime() - t0) / 1e9));
        return new ExportedBatches(jsc, dir, paths);
    }

    private static Iterator<String> save(String base, int partition, Iterator<DataSet> batches, SerializableConfiguration conf)
            throws IOException {
        FileSystem fs = new Path(base).getFileSystem(conf.value());
        List<String> written = new ArrayList<>();
        for (int i = 0; batches.hasNext(); i++) {
            Path f = new Path(base, String.format("batch-%010d-%06d.bin", partition, i));
            try (OutputStream out = fs.create(f, true)) {
                batches.next().save(out);
            }
            written.add(f.toString());
        }
        return written.iterator();
    }

    int size() {
        return paths.size();
    }

    /**
     * Epoch {@code e}'s batch files laid out in rounds: in a seeded order per epoch, or in export order with
     * {@code shuffle} off.
     */
    JavaRDD<String> epoch(long seed, int epoch, boolean shuffle, int workers, int averagingFrequency) {
        List<String> order = new ArrayList<>(paths);
        if (shuffle) Collections.shuffle(order, new Random(seed * 1_000_003L + epoch));
        RoundLayout layout = new RoundLayout(order.size(), 1, workers, averagingFrequency);
        List<Tuple2<Long, String>> positioned = new ArrayList<>(order.size());
        for (int i = 0; i < order.size(); i++) positioned.add(new Tuple2<>((long) i, order.get(i)));
        return jsc.parallelizePairs(positioned, Math.max(1, workers)).partitionBy(new RoundPartitioner(layout))
                .mapPartitions(RoundPartitioner::values, true);
    }

    @Override
    public void close() {
        try {
            fs(jsc, dir).delete(dir, true);
        } catch (IOException e) {
            LOG.warn("could not remove the exported batches in {}: {}", dir, e.toString());
        }
    }

    private static FileSystem fs(JavaSparkContext jsc, Path dir) {
        try {
            return dir.getFileSystem(jsc.hadoopConfiguration());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the filesystem of " + dir, e);
        }
    }
}
