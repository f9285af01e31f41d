package dev.seqtrain.corpus;

import java.util.function.Supplier;

/**
 * The checks on a numeric row, whatever its format: the numbers make {@code timesteps x features} finite values, the
 * label is present (when required) and, for a regression target, a finite number; the id as for text rows.
 */
final class NumericRecords {

    /** Reads a row's numbers; throws with the reason when they are not a sequence of the expected shape. */
    interface Features {
        float[] read() throws NumericCells.Bad;
    }

    private NumericRecords() {
    }

    /**
     * @param location {@code file:line} (or {@code file:row}) of the record: the id when the input has no id column
     * @param raw      the input, asked for only when the record is rejected
     */
    static Parsed check(String location, long ord, String id, boolean idRequired, Features features, String label,
                        boolean labelRequired, NumericShape shape, Supplier<String> raw) {
        float[] values;
        try {
            values = features.read();
        } catch (NumericCells.Bad e) {
            return Parsed.rejected(location, e.getMessage(), raw.get());
        }
        String cleanLabel = ClassificationRecords.label(label);
        if (cleanLabel == null && labelRequired) return Parsed.rejected(location, "missing label", raw.get());
        if (cleanLabel != null && shape.numericLabel() && !Float.isFinite(NumericCells.parse(cleanLabel))) {
            return Parsed.rejected(location, "label '" + cleanLabel + "' is not a finite number (a regression "
                    + "target)", raw.get());
        }
        String cleanId = ClassificationRecords.id(location, id, idRequired);
        if (cleanId == null) return Parsed.rejected(location, "empty id", raw.get());
        return Parsed.numeric(cleanId, ord, values, cleanLabel);
    }
}
