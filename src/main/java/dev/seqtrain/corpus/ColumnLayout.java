package dev.seqtrain.corpus;

import java.io.Serializable;
import java.util.List;
import java.util.function.Supplier;

/**
 * Where the fields of one delimited file (TSV, CSV) are.
 *
 * @param text       index of the text field; -1 for numeric input
 * @param label      index of the label field, -1 when the file has none (predict input)
 * @param id         index of the id field, -1 when the spec names no id column
 * @param fieldCount how many fields every row must have (the header's, or the first line's without a header)
 * @param header     whether the file's first record is a header to skip
 * @param numeric    where the numbers of a numeric row are; null for text
 */
record ColumnLayout(int text, int label, int id, int fieldCount, boolean header, NumericColumns numeric)
        implements Serializable {

    /** A record with the right field count to a row: text or numeric, checked the same way in every format. */
    Parsed record(String location, long ord, List<String> fields, boolean labelRequired, Supplier<String> raw) {
        String idValue = id < 0 ? null : fields.get(id);
        String labelValue = label < 0 ? null : fields.get(label);
        if (numeric != null) {
            return NumericRecords.check(location, ord, idValue, id >= 0, () -> numeric.fromFields(fields), labelValue,
                    labelRequired, numeric.shape(), raw);
        }
        return ClassificationRecords.check(location, ord, idValue, id >= 0, fields.get(text), labelValue,
                labelRequired, raw);
    }
}
