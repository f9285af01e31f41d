package dev.seqtrain.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code model.summary()} of a Keras 2 Sequential model, character for character as tf.keras 2.9 to 2.12 print
 * it: 65 columns split at 29 and 55, each row led by a space and followed by a blank row, long names wrapped
 * onto continuation rows (2.12's wrapping, which can shift a row's later columns by one), and thousands
 * separators in the totals only. Keras 2.13 and later print totals without separators but with memory sizes
 * ({@code Total params: 1042305 (3.98 MB)}); seqtrain keeps the separators. A functional model's table (see
 * {@link Seq2SeqSummary}) is 98 columns wide with a fourth column, "Connected to".
 */
final class KerasSummary {

    private static final int LINE_LENGTH = 65;
    private static final int[] POSITIONS = positions(LINE_LENGTH, 0.45, 0.85, 1.0);
    // a functional model's table: Keras' line_length 98, positions .33, .55, .67, 1 and a "Connected to" column
    private static final int FUNCTIONAL_LENGTH = 98;
    private static final int[] FUNCTIONAL_POSITIONS = positions(FUNCTIONAL_LENGTH, 0.33, 0.55, 0.67, 1.0);
    private static final String[] LINE_BREAKS = {"),", "},", "],", "',"};

    private KerasSummary() {
    }

    static String format(String modelName, List<LayerPlan> layers) {
        List<String[]> rows = new ArrayList<>();
        long trainable = 0;
        long frozen = 0;
        for (LayerPlan l : layers) {
            rows.add(new String[] {l.name() + " (" + l.kerasClass() + ")", l.output().toString(),
                Long.toString(l.params())});
            if (l.trainable()) trainable += l.params();
            else frozen += l.params();
        }
        return table(modelName, LINE_LENGTH, POSITIONS, new String[] {"Layer (type)", "Output Shape", "Param #"},
                rows, trainable, frozen);
    }

    /**
     * A functional model's table: each row {@code (name (class), output shape, params, connected to)}, where
     * "connected to" is Python's {@code str()} of the list of inbound tensors ({@code ['embedding[0][0]']}).
     */
    static String formatFunctional(String modelName, List<String[]> rows, long trainable) {
        return table(modelName, FUNCTIONAL_LENGTH, FUNCTIONAL_POSITIONS,
                new String[] {"Layer (type)", "Output Shape", "Param #", "Connected to"}, rows, trainable, 0);
    }

    private static String table(String modelName, int lineLength, int[] positions, String[] header,
                                List<String[]> rows, long trainable, long frozen) {
        List<String> out = new ArrayList<>();
        out.add("Model: \"" + modelName + "\"");
        out.add("_".repeat(lineLength));
        row(out, positions, header);
        out.add("=".repeat(lineLength));
        for (String[] r : rows) {
            row(out, positions, r);
            out.add(" ".repeat(lineLength));
        }
        out.add("=".repeat(lineLength));
        out.add("Total params: " + thousands(trainable + frozen));
        out.add("Trainable params: " + thousands(trainable));
        out.add("Non-trainable params: " + thousands(frozen));
        out.add("_".repeat(lineLength));
        return String.join("\n", out) + "\n";
    }

    /** Keras' {@code positions = [int(line_length * p) for p in positions]}. */
    private static int[] positions(int lineLength, double... fractions) {
        int[] out = new int[fractions.length];
        for (int i = 0; i < out.length; i++) out[i] = (int) (lineLength * fractions[i]);
        return out;
    }

    /** Keras' {@code print_row}: fills each column up to its position, wrapping what does not fit. */
    private static void row(List<String> out, int[] positions, String... fields) {
        String[] left = fields.clone();
        while (anyLeft(left)) {
            StringBuilder line = new StringBuilder();
            for (int col = 0; col < left.length; col++) {
                int start = col > 0 ? positions[col - 1] : 0;
                int space = col != positions.length - 1 ? 2 : 0;
                int cutoff = positions[col] - start - space;
                String fit = left[col].substring(0, Math.min(cutoff, left[col].length()));
                int breakAt = Integer.MAX_VALUE;
                for (String b : LINE_BREAKS) {
                    int found = fit.indexOf(b);
                    if (found >= 0) breakAt = Math.min(breakAt, found + b.length());
                }
                if (breakAt != Integer.MAX_VALUE) {
                    cutoff = breakAt;
                    fit = fit.substring(0, cutoff);
                }
                if (col == 0) line.append(' ');
                line.append(fit).append(" ".repeat(space));
                left[col] = left[col].substring(Math.min(cutoff, left[col].length()));
                line.append(" ".repeat(Math.max(0, positions[col] - line.length())));
            }
            out.add(line.toString());
        }
    }

    private static boolean anyLeft(String[] fields) {
        for (String f : fields) {
            if (!f.isEmpty()) return true;
        }
        return false;
    }

    private static String thousands(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
