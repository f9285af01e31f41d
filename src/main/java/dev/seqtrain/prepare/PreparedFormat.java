package dev.seqtrain.prepare;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/** How prepared rows are stored ({@code output.prepared_format}): Parquet, or JSON Lines read back with a schema. */
final class PreparedFormat {
    private PreparedFormat() {
    }

    static void write(Dataset<Row> rows, String path, String format) {
        if ("jsonl".equals(format)) {
            rows.write().mode(SaveMode.Overwrite).json(path);
        } else {
            rows.write().mode(SaveMode.Overwrite).parquet(path);
        }
    }

    static Dataset<Row> read(SparkSession spark, String path, String format, StructType jsonSchema) {
        if ("jsonl".equals(format)) {
            return spark.read().schema(jsonSchema).json(path);
        }
        return spark.read().parquet(path);
    }
}
