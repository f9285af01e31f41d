package dev.seqtrain.prepare;

import dev.seqtrain.corpus.CorpusSchemas;
import dev.seqtrain.errors.SeqtrainException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one cheap pass over a corpus outline tells before any tokenizing: documents per side, rejected records, and
 * the label counts per side (classification; tagging outlines carry no label). Counted on executors; the driver
 * gets one row per (side, label).
 */
record CorpusSurvey(long trainDocuments, long validationDocuments, long rejected, Map<String, Long> trainLabels,
                    Map<String, Long> validationLabels) {
    /** More distinct labels than this on one side means the label column is probably the wrong one. */
    static final int MAX_LABELS = 100_000;

    static CorpusSurvey of(Dataset<Row> outline) {
        long trainDocs = 0;
        long validationDocs = 0;
        long rejected = 0;
        Map<String, Long> train = new TreeMap<>();
        Map<String, Long> validation = new TreeMap<>();
        // the limit keeps a wrong label column (one value per row) from flooding the driver
        for (Row r : outline.groupBy(CorpusSchemas.GOOD, CorpusSplits.VALIDATION, CorpusSchemas.LABEL).count()
                .limit(2 * MAX_LABELS + 4).collectAsList()) {
            long n = r.getLong(3);
            if (!r.getBoolean(0)) {
                rejected += n;
                continue;
            }
            boolean isValidation = r.getBoolean(1);
            if (isValidation) validationDocs += n;
            else trainDocs += n;
            if (!r.isNullAt(2)) (isValidation ? validation : train).merge(r.getString(2), n, Long::sum);
        }
        if (train.size() > MAX_LABELS || validation.size() > MAX_LABELS) {
            throw SeqtrainException.input("more than " + MAX_LABELS
                    + " distinct labels: is data.label_column the right column?");
        }
        return new CorpusSurvey(trainDocs, validationDocs, rejected, Collections.unmodifiableMap(train),
                Collections.unmodifiableMap(validation));
    }

    /** Good records on both sides. */
    long documents() {
        return trainDocuments + validationDocuments;
    }
}
