package dev.seqtrain.infer;

import java.util.Locale;

/** How predict writes its output: Parquet with a {@code probability} array, or CSV with one {@code p_<label>} column per class. */
public enum PredictionFormat {
    PARQUET, CSV;

    /** "parquet" or "csv", any case; null for anything else. */
    public static PredictionFormat parse(String name) {
        for (PredictionFormat f : values()) {
            if (f.name().equalsIgnoreCase(name.strip())) return f;
        }
        return null;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
