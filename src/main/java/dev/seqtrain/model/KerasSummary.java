package dev.seqtrain.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code model.summary()} of a Keras 2 Sequential model, character for character as tf.keras 2.9 to 2.12 print
 * it: 65 columns split at 29 and 55, each row led by a space and followed by a blank row, long names wrapped
 * onto continuation rows (2.12's wrapping, which can shift a row's later columns by one), and thousands
 * separators in the totals only. Keras 2.13 and later print totals without separators but with memory sizes
 * ({@code Total params: 1042305 (3.98 MB)}); seqtrain keeps the separators.
 */
final class KerasSummary {

    private static final int LINE_LENGTH = 65;
    private static final int[] POSITIONS = {(int) (LINE_LENGTH * 0.45), (int) (LINE_LENGTH * 0.85), LINE_LENGTH};
    private static final String[] LINE_BREAKS = {"),", "},", "],", "',"};

    private KerasSummary() {
    }

    static String format(String modelName, List<LayerPlan> layers) {
        List<String> out = new ArrayList<>();
        out.add("Model: \"" + modelName + "\"");
        out.add("_".repeat(LINE_LENGTH));
        row(out, "Layer (type)", "Output Shape", "Param #");
        out.add("=".repeat(LINE_LENGTH));
        long trainable = 0;
        long frozen = 0;
        for (LayerPlan l : layers) {
            row(out, l.name() + " (" + l.kerasClass() + ")", l.output().toString(), Long.toString(l.params()));
            out.add(" ".repeat(LINE_LENGTH));
            if (l.trainable()) trainable += l.params();
            else frozen += l.params();
        }
        out.add("=".repeat(LINE_LENGTH));
        out.add("Total params: " + thousands(trainable + frozen));
        out.add("Trainable params: " + thousands(trainable));
        out.add("Non-trainable params: " + thousands(frozen));
        out.add("_".repeat(LINE_LENGTH));
        return String.join("\n", out) + "\n";
    }

    /** Keras' {@code print_row}: fills each column up to its position, wrapping what does not fit. */
    private static void row(List<String> out, String... fields) {
        String[] left = fields.clone();
        while (anyLeft(left)) {
            StringBuilder line = new StringBuilder();
            for (int col = 0; col < left.length; col++) {
                int start = col > 0 ? POSITIONS[col - 1] : 0;
                int space = col != POSITIONS.length - 1 ? 2 : 0;
                int cutoff = POSITIONS[col] - start - space;
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
                line.append(" ".repeat(Math.max(0, POSITIONS[col] - line.length())));
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
