package dev.seqtrain.prepare;

import dev.seqtrain.job.OutputSpec;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/** How prepared rows are stored ({@code output.prepared_format}): Parquet, or JSON Lines read back with a schema. */
final class PreparedFormat {
    private PreparedFormat() {
    }

    static void write(Dataset<Row> rows, String path, OutputSpec.PreparedFormat format) {
        switch (format) {
            case JSONL -> rows.write().mode(SaveMode.Overwrite).json(path);
            case PARQUET -> rows.write().mode(SaveMode.Overwrite).parquet(path);
        }
    }

    static Dataset<Row> read(SparkSession spark, String path, OutputSpec.PreparedFormat format, StructType jsonSchema) {
        return switch (format) {
            case JSONL -> spark.read().schema(jsonSchema).json(path);
            case PARQUET -> spark.read().parquet(path);
        };
    }
}
