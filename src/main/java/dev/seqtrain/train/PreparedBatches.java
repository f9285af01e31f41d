package dev.seqtrain.train;

import dev.seqtrain.prepare.PreparedData;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.nd4j.linalg.dataset.DataSet;

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
        this.rows = prepared.select(builder.inputColumn(), builder.labelColumn(), "id");
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
     * it inside each, so every epoch sees a different, reproducible order and batch composition.
     */
    public JavaRDD<DataSet> shuffled(long seed, int epoch) {
        Dataset<Row> s = rows.withColumn("_h", xxhash64(col("id"), lit(seed), lit(epoch)))
                .repartition(partitions, col("_h"))
                .sortWithinPartitions("_h");
        return toBatches(s);
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
