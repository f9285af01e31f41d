package dev.seqtrain.prepare;

import dev.seqtrain.batch.PreparedColumns;
import dev.seqtrain.corpus.CorpusSchemas;
import dev.seqtrain.text.LabelIndex;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

import java.util.Iterator;

/**
 * Numeric corpus rows {@code (id, features, label)} → prepared rows {@code (id, features, length, label)}, on
 * executors: {@code features} stays the time-major float array ({@code timesteps x features}), {@code length} is the
 * number of time steps, and {@code label} becomes a class index (-1 when absent or unknown) or, for a regression
 * model ({@code labels.json} kind {@value LabelIndex#TARGETS}), the float target (null when absent).
 */
public final class NumericRows {
    private NumericRows() {
    }

    /**
     * @param labels    the class index, or an index of kind {@value LabelIndex#TARGETS} for regression; null for unlabelled input
     *                  (every label -1)
     * @param timesteps the rows' time steps (their length)
     */
    public static Dataset<Row> prepare(SparkSession spark, Dataset<Row> corpus, Broadcast<LabelIndex> labels,
                                       int timesteps) {
        boolean targets = labels != null && labels.value().regressionTargets();
        JavaRDD<Row> out = corpus.select("id", CorpusSchemas.FEATURES, "label").javaRDD().mapPartitions(it -> {
            LabelIndex index = labels == null ? null : labels.value();
            return new Iterator<Row>() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public Row next() {
                    Row r = it.next();
                    String label = r.isNullAt(2) ? null : r.getString(2);
                    Object value = targets ? (label == null ? null : (Object) Float.parseFloat(label))
                            : (Object) (label == null || index == null ? -1 : index.indexOf(label));
                    return RowFactory.create(r.getString(0), r.get(1), timesteps, value);
                }
            };
        });
        return spark.createDataFrame(out, PreparedColumns.numeric(targets));
    }

    /** The index a regression model's labels.json holds: kind {@value LabelIndex#TARGETS}, no classes. */
    public static LabelIndex targetIndex() {
        return LabelIndex.of(java.util.List.of(), LabelIndex.TARGETS);
    }
}
