package dev.seqtrain.corpus;

import java.util.List;

/**
 * Cells to the time-major float vector of one numeric row ({@code x[t * features + f]}), or a reason why they are not
 * one: a wrong count, a missing value, something that is not a finite number. The reason becomes the rejected row's.
 */
final class NumericCells {

    /** Why a row's cells are not a numeric sequence of the expected shape. */
    static final class Bad extends Exception {
        Bad(String reason) {
            super(reason, null, false, false);
        }
    }

    private NumericCells() {
    }

    /** One cell of numbers separated by whitespace (CSV, TSV, a Parquet string column). */
    static float[] fromText(String cell, String column, NumericShape shape) throws Bad {
        String s = cell == null ? "" : cell.strip();
        if (s.isEmpty()) throw new Bad("column '" + column + "' is empty; expected " + shape.describe());
        String[] parts = s.split("\\s+");
        requireCount(parts.length, column, shape);
        float[] out = new float[parts.length];
        for (int i = 0; i < parts.length; i++) out[i] = number(parts[i], column, i);
        return out;
    }

    /** One number per column, time-major ({@code feature_columns}). */
    static float[] fromCells(List<String> cells, List<String> columns) throws Bad {
        float[] out = new float[cells.size()];
        for (int i = 0; i < out.length; i++) {
            String c = cells.get(i);
            if (c == null || c.isBlank()) throw new Bad("column '" + columns.get(i) + "' is empty");
            out[i] = number(c.strip(), columns.get(i), -1);
        }
        return out;
    }

    /**
     * A Parquet cell: an array of numbers ({@code timesteps x features}, time-major), an array of per-step arrays
     * ({@code timesteps} arrays of {@code features}), or a string of numbers.
     */
    static float[] fromValue(Object value, String column, NumericShape shape) throws Bad {
        if (value == null) throw new Bad("column '" + column + "' is null");
        if (value instanceof String s) return fromText(s, column, shape);
        List<?> list = SparkValues.list(value);
        if (list == null) {
            throw new Bad("column '" + column + "' holds " + value.getClass().getSimpleName() + ", not numbers");
        }
        if (!list.isEmpty() && SparkValues.list(list.get(0)) != null) return fromSteps(list, column, shape);
        requireCount(list.size(), column, shape);
        float[] out = new float[list.size()];
        for (int i = 0; i < out.length; i++) out[i] = number(list.get(i), column, i);
        return out;
    }

    /** One scalar per column ({@code feature_columns} of Parquet). */
    static float[] fromValues(List<?> values, List<String> columns) throws Bad {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            Object v = values.get(i);
            if (v == null) throw new Bad("column '" + columns.get(i) + "' is null");
            out[i] = number(v, columns.get(i), -1);
        }
        return out;
    }

    private static float[] fromSteps(List<?> steps, String column, NumericShape shape) throws Bad {
        if (steps.size() != shape.timesteps()) {
            throw new Bad("column '" + column + "' has " + steps.size() + " time steps, expected "
                    + shape.timesteps() + " (model.input.timesteps)");
        }
        float[] out = new float[shape.values()];
        for (int t = 0; t < steps.size(); t++) {
            List<?> step = SparkValues.list(steps.get(t));
            if (step == null) throw new Bad("column '" + column + "' step " + (t + 1) + " is not an array");
            if (step.size() != shape.features()) {
                throw new Bad("column '" + column + "' step " + (t + 1) + " has " + step.size()
                        + " numbers, expected " + shape.features() + " (model.input.features)");
            }
            for (int f = 0; f < step.size(); f++) {
                out[t * shape.features() + f] = number(step.get(f), column, t * shape.features() + f);
            }
        }
        return out;
    }

    private static void requireCount(int count, String column, NumericShape shape) throws Bad {
        if (count != shape.values()) {
            throw new Bad("column '" + column + "' has " + count + " numbers, expected " + shape.describe());
        }
    }

    /** A finite float; {@code position} (0-based) names the value inside a packed cell, -1 for a scalar column. */
    private static float number(Object v, String column, int position) throws Bad {
        float f;
        if (v instanceof Number n) {
            f = n.floatValue();
        } else if (v instanceof String s) {
            f = parse(s);
        } else {
            f = Float.NaN;
        }
        if (!Float.isFinite(f)) {
            String where = position < 0 ? "column '" + column + "'" : "column '" + column + "' value " + (position + 1);
            throw new Bad(where + " is not a finite number: '" + v + "'");
        }
        return f;
    }

    /** Float.parseFloat without Java's suffixes ("1f", "2d") and hex: those are not numbers in a data file. */
    static float parse(String s) {
        if (s.isEmpty() || Character.isLetter(s.charAt(s.length() - 1)) || s.contains("x") || s.contains("X")) {
            return Float.NaN;
        }
        try {
            return Float.parseFloat(s);
        } catch (NumberFormatException e) {
            return Float.NaN;
        }
    }
}
