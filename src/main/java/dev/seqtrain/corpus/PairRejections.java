package dev.seqtrain.corpus;

import dev.seqtrain.job.DataSpec;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * The readers' reasons for a rejected pair in the words of pairs: the readers check a text and a label, which for a
 * sequence to sequence job are the source and target columns, so "empty text" becomes "empty source" naming
 * {@code data.source_column} and "missing label" "empty or missing target" naming {@code data.target_column}.
 */
public final class PairRejections {
    private PairRejections() {
    }

    /** {@code rejected}: rows of {@link CorpusSchemas}' rejected schema from reading {@code data.pairColumns()}. */
    public static Dataset<Row> named(Dataset<Row> rejected, DataSpec data) {
        String source = "empty source (data.source_column '" + data.resolvedSourceColumn() + "')";
        String target = "empty or missing target (data.target_column '" + data.resolvedTargetColumn() + "')";
        return rejected.withColumn(CorpusSchemas.REASON,
                when(col(CorpusSchemas.REASON).equalTo(ClassificationRecords.EMPTY_TEXT), lit(source))
                        .when(col(CorpusSchemas.REASON).equalTo(ClassificationRecords.MISSING_LABEL), lit(target))
                        .otherwise(col(CorpusSchemas.REASON)));
    }
}
