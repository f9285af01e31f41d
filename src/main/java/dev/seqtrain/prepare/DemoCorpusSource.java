package dev.seqtrain.prepare;

import dev.seqtrain.corpus.CorpusSchemas;
import dev.seqtrain.corpus.NumericShape;
import dev.seqtrain.demo.DemoNumbers;
import dev.seqtrain.demo.DemoReviews;
import dev.seqtrain.demo.DemoSeries;
import dev.seqtrain.job.DataSpec;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;

/**
 * The embedded demo corpus as a DataFrame, generated on executors: reviews {@code (id, ord, text, label)}, or for a
 * numeric model ({@code model.input}) series {@code (id, ord, features, label)} ({@link DemoSeries}).
 */
public final class DemoCorpusSource {
    public static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.StringType)
            .add("ord", DataTypes.LongType)
            .add("text", DataTypes.StringType)
            .add("label", DataTypes.StringType);

    private DemoCorpusSource() {
    }

    public static Dataset<Row> read(SparkSession spark, DataSpec.DemoSpec demo) {
        long seed = demo.seed();
        return generate(spark, demo, SCHEMA, () -> {
            DemoReviews gen = new DemoReviews(seed);
            return i -> {
                DemoReviews.Review r = gen.review(i);
                return RowFactory.create("demo:" + i, i, r.text(), r.label());
            };
        });
    }

    /**
     * {@code numeric} null: the reviews; else series of its shape, labelled with the target (a regression model,
     * {@link NumericShape#numericLabel()}) or its direction.
     */
    public static Dataset<Row> read(SparkSession spark, DataSpec.DemoSpec demo, NumericShape numeric) {
        if (numeric == null) return read(spark, demo);
        long seed = demo.seed();
        return generate(spark, demo, CorpusSchemas.NUMERIC, () -> {
            DemoSeries gen = new DemoSeries(seed, numeric.timesteps(), numeric.features());
            return i -> {
                DemoSeries.Series s = gen.series(i);
                String label = numeric.numericLabel() ? Float.toString(s.target()) : s.direction();
                return RowFactory.create("demo:" + i, i, s.values(), label);
            };
        });
    }

    /**
     * The sequence to sequence demo: {@code count} pairs {@code (id, ord, text = words, label = digits)} of one side
     * ({@link DemoNumbers}), numbered from {@code first}.
     */
    public static Dataset<Row> pairs(SparkSession spark, DataSpec.DemoSpec demo, DemoNumbers.Side side, long first,
                                     long count) {
        long seed = demo.seed();
        int maxNumber = demo.maxNumber();
        double heldOut = demo.heldOut();
        return generate(spark, first, count, SCHEMA, () -> {
            DemoNumbers gen = new DemoNumbers(seed, maxNumber, heldOut);
            return i -> {
                String[] p = gen.pair(i, side);
                return RowFactory.create("demo:" + i, i, p[0], p[1]);
            };
        });
    }

    /** {@code data.demo.documents} pairs of held-out numbers only: what evaluate and predict score. */
    public static Dataset<Row> heldOutPairs(SparkSession spark, DataSpec.DemoSpec demo) {
        return pairs(spark, demo, DemoNumbers.Side.HELD_OUT, 0, demo.documents());
    }

    /** Makes the generator of one partition, on the executor. */
    private interface Generator extends java.io.Serializable {
        Function<Long, Row> create();
    }

    private static Dataset<Row> generate(SparkSession spark, DataSpec.DemoSpec demo, StructType schema, Generator g) {
        return generate(spark, 0, demo.documents(), schema, g);
    }

    /** Rows {@code first .. first + count - 1}, split evenly over the default parallelism. */
    private static Dataset<Row> generate(SparkSession spark, long first, long count, StructType schema, Generator g) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int partitions = Math.max(1, jsc.defaultParallelism());
        List<long[]> ranges = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            ranges.add(new long[]{first + count * p / partitions, first + count * (p + 1) / partitions});
        }
        JavaRDD<Row> rows = jsc.parallelize(ranges, partitions).flatMap(range -> {
            Function<Long, Row> row = g.create();
            List<Row> out = new ArrayList<>();
            for (long i = range[0]; i < range[1]; i++) out.add(row.call(i));
            return out.iterator();
        });
        return spark.createDataFrame(rows, schema);
    }
}
