package dev.seqtrain.metrics;

import java.util.Locale;

/**
 * A {@link ClassificationReport} as text for a person: the per-class table and the confusion matrix with one column
 * per predicted label, every column right-aligned to its widest cell, so the matrix reads as a grid whatever the
 * label lengths and counts.
 */
public final class ConfusionMatrixTable {
    private static final String CORNER = "true \\ predicted";

    private ConfusionMatrixTable() {
    }

    /** The per-class table, a blank line, then the matrix; every line ends with a newline. */
    public static String format(ClassificationReport report) {
        return perClass(report) + "\n" + matrix(report);
    }

    /** {@code class  precision  recall  f1  support}, one row per label. */
    public static String perClass(ClassificationReport report) {
        int name = Math.max("class".length(), widest(report));
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-" + name + "s  %9s  %9s  %9s  %9s%n", "class", "precision", "recall",
                "f1", "support"));
        for (int c = 0; c < report.size(); c++) {
            sb.append(String.format(Locale.ROOT, "%-" + name + "s  %9.4f  %9.4f  %9.4f  %9d%n", report.labels().get(c),
                    report.precision(c), report.recall(c), report.f1(c), report.support(c)));
        }
        return sb.toString();
    }

    /** Rows = true label, columns = predicted label. */
    public static String matrix(ClassificationReport report) {
        int n = report.size();
        int first = Math.max(CORNER.length(), widest(report));
        int[] width = new int[n];
        for (int p = 0; p < n; p++) {
            width[p] = report.labels().get(p).length();
            for (int a = 0; a < n; a++) width[p] = Math.max(width[p], Long.toString(report.count(a, p)).length());
        }
        StringBuilder sb = new StringBuilder();
        sb.append(pad(CORNER, first, false));
        for (int p = 0; p < n; p++) sb.append("  ").append(pad(report.labels().get(p), width[p], true));
        sb.append('\n');
        for (int a = 0; a < n; a++) {
            sb.append(pad(report.labels().get(a), first, false));
            for (int p = 0; p < n; p++) sb.append("  ").append(pad(Long.toString(report.count(a, p)), width[p], true));
            sb.append('\n');
        }
        return sb.toString();
    }

    private static int widest(ClassificationReport report) {
        int w = 0;
        for (String l : report.labels()) w = Math.max(w, l.length());
        return w;
    }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(Math.max(0, width - s.length()));
        return right ? fill + s : s + fill;
    }
}
