package dev.seqtrain.corpus;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.io.Serializable;

/** One parsed input record: a good row (in one of the corpus schemas) or a rejected row (source, reason, raw). */
final class Parsed implements Serializable {
    private static final long serialVersionUID = 1L;

    private final boolean good;
    private final Row row;

    private Parsed(boolean good, Row row) {
        this.good = good;
        this.row = row;
    }

    static Parsed classification(String id, long ord, String text, String label) {
        return new Parsed(true, RowFactory.create(id, ord, text, label));
    }

    static Parsed numeric(String id, long ord, float[] features, String label) {
        return new Parsed(true, RowFactory.create(id, ord, features, label));
    }

    static Parsed tagging(String id, long ord, String[] tokens, String[] tags) {
        return new Parsed(true, RowFactory.create(id, ord, tokens, tags));
    }

    static Parsed rejected(String source, String reason, String raw) {
        return new Parsed(false, RowFactory.create(source, reason, CorpusSchemas.truncateRaw(raw)));
    }

    boolean good() {
        return good;
    }

    Row row() {
        return row;
    }

    /** {@link CorpusSchemas#OUTLINE}: (good, ord, label); ord and label are null for a rejected row, label for tagging. */
    Row outline(boolean tagging) {
        if (!good) return RowFactory.create(false, null, null);
        return RowFactory.create(true, row.getLong(1), tagging ? null : row.getString(3));
    }
}
