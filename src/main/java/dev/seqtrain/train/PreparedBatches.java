package dev.seqtrain.train;

import dev.seqtrain.batch.LengthBuckets;
import dev.seqtrain.batch.PreparedColumns;
import dev.seqtrain.batch.RowBatcher;
import dev.seqtrain.prepare.PreparedData;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.nd4j.linalg.dataset.DataSet;

import scala.Tuple2;

import java.util.Iterator;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.xxhash64;

/** Prepared Parquet → RDDs of mini-batches; the training side is reshuffled at row level every epoch. */
public final class PreparedBatches {
    private final Dataset<Row> rows;
    private final RowBatcher builder;
    private final int partitions;
    private final long rowCount;

    /**
     * {@code prepared}: the rows of one split, as {@link PreparedData#read} gives them; {@code rowCount}: how many
     * there are, as prepare counted them (prepared.json), for progress estimates.
     */
    private PreparedBatches(Dataset<Row> prepared, RowBatcher builder, int partitions, long rowCount) {
        this.rows = prepared.select(builder.inputColumn(), builder.labelColumn(), PreparedColumns.LENGTH,
                PreparedColumns.ID);
        this.builder = builder;
        this.partitions = partitions;
        this.rowCount = rowCount;
    }

    /** The training split of prepared data, spread over {@code partitions} (one per worker). */
    public static PreparedBatches train(SparkSession spark, PreparedData prepared, RowBatcher builder, int partitions) {
        return new PreparedBatches(prepared.read(spark, prepared.trainPath()), builder, partitions, prepared.trainRows());
    }

    public static PreparedBatches validation(SparkSession spark, PreparedData prepared, RowBatcher builder, int partitions) {
        return new PreparedBatches(prepared.read(spark, prepared.validationPath()), builder, partitions,
                prepared.validationRows());
    }

    /**
     * About how many batches of {@code batchSize} an epoch cuts: each of the partitions holds about
     * {@code rowCount / partitions} rows and ends in one partial batch. Exact counts need a pass over the data.
     */
    public long estimatedBatches(int batchSize) {
        long perPartition = (rowCount + partitions - 1) / partitions;
        return partitions * ((perPartition + batchSize - 1) / batchSize);
    }

    /**
     * Epoch {@code e}'s batches: rows spread over the partitions by a seeded hash of (id, seed, epoch) and ordered by
     * it inside each, then bucketed by length ({@link LengthBuckets}) in each partition, so every epoch sees a
     * different, reproducible order and batch composition.
     */
    public JavaRDD<DataSet> shuffled(long seed, int epoch) {
        RowBatcher b = builder;
        LengthBuckets buckets = b.buckets();
        long epochSeed = epochSeed(seed, epoch);
        return withLengths(shuffledRows(seed, epoch)).mapPartitionsWithIndex(
                (p, it) -> b.batches(buckets.reorder(it, 0, epochSeed * 31 + p)), true);
    }

    /** The input, target and length ({@link LengthBuckets#LENGTH_INDEX}) of each row. */
    private JavaRDD<Row> withLengths(Dataset<Row> s) {
        return s.select(builder.inputColumn(), builder.labelColumn(), PreparedColumns.LENGTH).javaRDD();
    }

    private static long epochSeed(long seed, int epoch) {
        return seed * 1_000_003L + epoch;
    }

    private Dataset<Row> shuffledRows(long seed, int epoch) {
        return rows.withColumn("_h", xxhash64(col(PreparedColumns.ID), lit(seed), lit(epoch)))
                .repartition(partitions, col("_h"))
                .sortWithinPartitions("_h");
    }

    /**
     * Epoch {@code e}'s mini-batches laid out in parameter-averaging rounds ({@link RoundLayout}): every row in
     * exactly one batch, every batch in exactly one (round, worker) slot, one partition per slot, partitioned by a
     * {@link RoundPartitioner} that tells the training master the rounds. The rows' order is the epoch's shuffle
     * ({@link #shuffled}'s hash order, partition after partition) or, with {@code shuffle} off, the stored order,
     * bucketed by length ({@link LengthBuckets}: rows move only inside their window of the epoch's positions, so the
     * layout's batches stay whole).
     *
     * <p>Two passes: one counts the rows of each ordered partition (so every row gets its position in the epoch),
     * one moves each row to its slot. A round then reads only its own slots' shuffle blocks.
     */
    public JavaRDD<DataSet> rounds(long seed, int epoch, boolean shuffle, int workers, int averagingFrequency) {
        RowBatcher b = builder;
        LengthBuckets buckets = b.buckets();
        long epochSeed = epochSeed(seed, epoch);
        JavaRDD<Row> source = withLengths(shuffle ? shuffledRows(seed, epoch) : rows);
        List<Long> sizes = source.mapPartitions(PreparedBatches::countRows).collect();
        long[] offsets = new long[sizes.size()];
        long total = 0;
        for (int p = 0; p < offsets.length; p++) {
            offsets[p] = total;
            total += sizes.get(p);
        }
        RoundLayout layout = new RoundLayout(total, b.batchSize(), workers, averagingFrequency);
        JavaPairRDD<Long, Row> positioned = source.mapPartitionsWithIndex(
                (p, it) -> positions(offsets[p], buckets.reorder(it, offsets[p], epochSeed)), true).mapToPair(t -> t);
        return positioned.repartitionAndSortWithinPartitions(new RoundPartitioner(layout))
                .mapPartitions(it -> b.batches(RoundPartitioner.values(it)), true);
    }

    private static Iterator<Long> countRows(Iterator<Row> rows) {
        long n = 0;
        for (; rows.hasNext(); rows.next()) n++;
        return List.of(n).iterator();
    }

    /** (position in the epoch, row) from the partition's first position on; the row without its schema, smaller to shuffle. */
    private static Iterator<Tuple2<Long, Row>> positions(long first, Iterator<Row> rows) {
        return new Iterator<>() {
            private long next = first;

            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Tuple2<Long, Row> next() {
                Row r = rows.next();
                return new Tuple2<>(next++, RowFactory.create(r.get(0), r.get(1)));
            }
        };
    }

    /** Batches in stored order (evaluation). */
    public JavaRDD<DataSet> inOrder() {
        return toBatches(rows);
    }

    private JavaRDD<DataSet> toBatches(Dataset<Row> s) {
        RowBatcher b = builder;
        return s.select(b.inputColumn(), b.labelColumn()).javaRDD().mapPartitions(b::batches);
    }
}
