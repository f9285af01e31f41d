package dev.seqtrain.corpus;

import java.util.function.Supplier;

/**
 * The checks every classification format applies to its extracted fields, so a TSV, CSV and JSON Lines row with
 * the same problem is rejected with the same reason.
 */
final class ClassificationRecords {
    static final String EMPTY_TEXT = "empty text";
    static final String MISSING_LABEL = "missing label";

    private ClassificationRecords() {
    }

    /**
     * @param location {@code file:line} of the record start: the id when the input has no id column
     * @param id       the id column's value, or null when the spec names no id column
     * @param label    the label, or null when absent
     * @param raw      the input text, asked for only when the record is rejected
     */
    static Parsed check(String location, long ord, String id, boolean idRequired, String text, String label,
                        boolean labelRequired, Supplier<String> raw) {
        if (text == null || text.isBlank()) return Parsed.rejected(location, EMPTY_TEXT, raw.get());
        String cleanLabel = label(label);
        if (cleanLabel == null && labelRequired) return Parsed.rejected(location, MISSING_LABEL, raw.get());
        String cleanId = id(location, id, idRequired);
        if (cleanId == null) return Parsed.rejected(location, "empty id", raw.get());
        return Parsed.classification(cleanId, ord, text, cleanLabel);
    }

    /** The label stripped; null when absent or blank. */
    static String label(String label) {
        String clean = label == null ? null : label.strip();
        return clean == null || clean.isEmpty() ? null : clean;
    }

    /** The row's id: the id column's value stripped, or the location without an id column; null for an empty id. */
    static String id(String location, String id, boolean idRequired) {
        if (!idRequired) return location;
        String clean = id == null ? "" : id.strip();
        return clean.isEmpty() ? null : clean;
    }
}
