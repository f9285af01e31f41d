package dev.seqtrain.metrics;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * The confusion matrix of a classification (rows = true label, columns = predicted label, in {@code labels.json}
 * order) and the per-class precision, recall, F1 and support derived from it. For a tagger a count is a token.
 *
 * <p>A class that is never predicted has precision 0, one that never occurs has recall 0 (scikit-learn's
 * {@code zero_division=0}): JSON has no NaN, and 0 reads as "no evidence of this class being right".
 */
public record ClassificationReport(List<String> labels, long[][] counts) {

    public ClassificationReport {
        labels = List.copyOf(labels);
        if (counts.length != labels.size()) {
            throw new IllegalArgumentException(counts.length + " matrix rows for " + labels.size() + " labels");
        }
        long[][] copy = new long[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            if (counts[i].length != labels.size()) {
                throw new IllegalArgumentException("row " + i + " has " + counts[i].length + " columns, expected "
                        + labels.size());
            }
            copy[i] = counts[i].clone();
        }
        counts = copy;
    }

    public int size() {
        return labels.size();
    }

    /** Examples whose true label is {@code actual} and that were predicted as {@code predicted}. */
    public long count(int actual, int predicted) {
        return counts[actual][predicted];
    }

    /** Examples of class {@code c} (the row sum). */
    public long support(int c) {
        long n = 0;
        for (long v : counts[c]) n += v;
        return n;
    }

    /** Examples predicted as class {@code c} (the column sum). */
    public long predicted(int c) {
        long n = 0;
        for (long[] row : counts) n += row[c];
        return n;
    }

    public long total() {
        long n = 0;
        for (int c = 0; c < size(); c++) n += support(c);
        return n;
    }

    /** The diagonal over the total: the same number as DL4J's accuracy on the same predictions. */
    public double accuracy() {
        long right = 0;
        for (int c = 0; c < size(); c++) right += counts[c][c];
        long n = total();
        return n == 0 ? 0 : (double) right / n;
    }

    public double precision(int c) {
        long p = predicted(c);
        return p == 0 ? 0 : (double) counts[c][c] / p;
    }

    public double recall(int c) {
        long s = support(c);
        return s == 0 ? 0 : (double) counts[c][c] / s;
    }

    public double f1(int c) {
        double p = precision(c);
        double r = recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /**
     * Adds {@code confusion_matrix} ({@code labels}, {@code rows: "true"}, {@code columns: "predicted"},
     * {@code counts}) and {@code per_class} ({@code label -> precision, recall, f1, support}) to a metrics object.
     */
    public void writeTo(ObjectNode metrics) {
        ObjectNode matrix = metrics.putObject("confusion_matrix");
        ArrayNode names = matrix.putArray("labels");
        labels.forEach(names::add);
        matrix.put("rows", "true");
        matrix.put("columns", "predicted");
        ArrayNode rows = matrix.putArray("counts");
        for (long[] row : counts) {
            ArrayNode r = rows.addArray();
            for (long v : row) r.add(v);
        }
        ObjectNode perClass = metrics.putObject("per_class");
        for (int c = 0; c < size(); c++) {
            ObjectNode n = perClass.putObject(labels.get(c));
            n.put("precision", precision(c));
            n.put("recall", recall(c));
            n.put("f1", f1(c));
            n.put("support", support(c));
        }
    }
}
