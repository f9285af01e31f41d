package dev.seqtrain.corpus;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the numbers of a numeric row are: one packed cell ({@code data.features_column}) or one column per number
 * ({@code data.feature_columns}), as field indexes of a delimited file or of a Parquet row, and the shape they make.
 *
 * @param indexes field indexes, in time-major order; one for a packed cell
 * @param names   the column names (or indexes, without a header) for messages
 * @param packed  one cell holds all numbers
 */
record NumericColumns(int[] indexes, List<String> names, boolean packed, NumericShape shape) implements Serializable {

    NumericColumns {
        names = List.copyOf(names);
    }

    /** From the fields of a CSV/TSV record. */
    float[] fromFields(List<String> fields) throws NumericCells.Bad {
        if (packed) return NumericCells.fromText(fields.get(indexes[0]), names.get(0), shape);
        List<String> cells = new ArrayList<>(indexes.length);
        for (int i : indexes) cells.add(fields.get(i));
        return NumericCells.fromCells(cells, names);
    }

    /** From the values of a Parquet row ({@code value(i)} = the row's field i). */
    float[] fromValues(java.util.function.IntFunction<Object> value) throws NumericCells.Bad {
        if (packed) return NumericCells.fromValue(value.apply(indexes[0]), names.get(0), shape);
        List<Object> cells = new ArrayList<>(indexes.length);
        for (int i : indexes) cells.add(value.apply(i));
        return NumericCells.fromValues(cells, names);
    }
}
