package dev.seqtrain.prepare;

import dev.seqtrain.demo.DemoReviews;
import dev.seqtrain.job.DataSpec;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;

/** The embedded demo corpus as a DataFrame {@code (id, ord, text, label)}, generated on executors. */
public final class DemoCorpusSource {
    public static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.StringType)
            .add("ord", DataTypes.LongType)
            .add("text", DataTypes.StringType)
            .add("label", DataTypes.StringType);

    private DemoCorpusSource() {
    }

    public static Dataset<Row> read(SparkSession spark, DataSpec.DemoSpec demo) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int partitions = Math.max(1, jsc.defaultParallelism());
        long n = demo.documents();
        long seed = demo.seed();
        List<long[]> ranges = new ArrayList<>();
        for (int p = 0; p < partitions; p++) ranges.add(new long[]{n * p / partitions, n * (p + 1) / partitions});
        JavaRDD<Row> rows = jsc.parallelize(ranges, partitions).flatMap(range -> {
            DemoReviews gen = new DemoReviews(seed);
            List<Row> out = new ArrayList<>();
            for (long i = range[0]; i < range[1]; i++) {
                DemoReviews.Review r = gen.review(i);
                out.add(RowFactory.create("demo:" + i, i, r.text(), r.label()));
            }
            return out.iterator();
        });
        return spark.createDataFrame(rows, SCHEMA);
    }
}
