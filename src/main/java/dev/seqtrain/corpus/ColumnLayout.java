package dev.seqtrain.corpus;

import java.io.Serializable;

/**
 * Where the fields of one delimited file (TSV, CSV) are.
 *
 * @param text       index of the text field
 * @param label      index of the label field, -1 when the file has none (predict input)
 * @param id         index of the id field, -1 when the spec names no id column
 * @param fieldCount how many fields every row must have (the header's, or the first line's without a header)
 * @param header     whether the file's first record is a header to skip
 */
record ColumnLayout(int text, int label, int id, int fieldCount, boolean header) implements Serializable {
}
