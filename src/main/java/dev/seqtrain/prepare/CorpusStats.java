package dev.seqtrain.prepare;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seqtrain.text.LabelIndex;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;
import java.util.Locale;

import static dev.seqtrain.batch.PreparedColumns.LABEL;
import static dev.seqtrain.batch.PreparedColumns.LENGTH;
import static dev.seqtrain.batch.PreparedColumns.OOV;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * Corpus statistics computed on executors from the indexed rows: documents, tokens, OOV rate, length percentiles,
 * truncation at maxlen and the label distribution. Written as {@code stats.json} plus a readable summary.
 */
public record CorpusStats(long documents, long tokens, long distinctTokens, long oovTokens, double p50, double p90,
                          double p99, long maxLength, long truncated, int maxlen, List<LabelCount> labels,
                          long rejected) {

    public record LabelCount(String label, long count) {
    }

    public static CorpusStats of(Dataset<Row> indexed, long distinctTokens, int maxlen, LabelIndex labelIndex,
                                 long rejected) {
        List<LabelCount> labels = indexed.groupBy(LABEL).count().orderBy(LABEL).collectAsList().stream()
                .map(r -> new LabelCount(r.getInt(0) < 0 ? "(none)" : labelIndex.label(r.getInt(0)), r.getLong(1)))
                .toList();
        return of(indexed, distinctTokens, maxlen, labels, rejected);
    }

    /** The statistics of any indexed token rows, {@code labels} counted by the caller (per document or per token). */
    static CorpusStats of(Dataset<Row> indexed, long distinctTokens, int maxlen, List<LabelCount> labels,
                          long rejected) {
        Row agg = indexed.agg(count("*"), sum(LENGTH), sum(OOV), max(LENGTH),
                sum(when(col(LENGTH).gt(maxlen), 1).otherwise(0))).first();
        long docs = agg.getLong(0);
        double[] q = docs == 0 ? new double[]{0, 0, 0}
                : indexed.stat().approxQuantile(LENGTH, new double[]{0.5, 0.9, 0.99}, 0.001);
        return new CorpusStats(docs, agg.isNullAt(1) ? 0 : agg.getLong(1), distinctTokens,
                agg.isNullAt(2) ? 0 : agg.getLong(2), q[0], q[1], q[2], agg.isNullAt(3) ? 0 : agg.getInt(3),
                agg.isNullAt(4) ? 0 : agg.getLong(4), maxlen, labels, rejected);
    }

    public double oovRate() {
        return tokens == 0 ? 0 : (double) oovTokens / tokens;
    }

    public double truncatedFraction() {
        return documents == 0 ? 0 : (double) truncated / documents;
    }

    public ObjectNode toJson(ObjectMapper json) {
        ObjectNode n = json.createObjectNode();
        n.put("documents", documents);
        n.put("tokens", tokens);
        n.put("distinct_tokens", distinctTokens);
        n.put("oov_tokens", oovTokens);
        n.put("oov_rate", oovRate());
        ObjectNode len = n.putObject("length");
        len.put("p50", p50);
        len.put("p90", p90);
        len.put("p99", p99);
        len.put("max", maxLength);
        n.put("maxlen", maxlen);
        n.put("truncated", truncated);
        n.put("truncated_fraction", truncatedFraction());
        n.put("rejected", rejected);
        ObjectNode l = n.putObject("labels");
        labels.forEach(c -> l.put(c.label(), c.count()));
        return n;
    }

    public String describe(String split) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s: %,d documents, %,d tokens (%,d distinct in train), OOV rate %.2f%%%n",
                split, documents, tokens, distinctTokens, 100 * oovRate()));
        sb.append(String.format(Locale.ROOT, "  length p50 %.0f, p90 %.0f, p99 %.0f, max %d; %.2f%% truncated at maxlen %d%n",
                p50, p90, p99, maxLength, 100 * truncatedFraction(), maxlen));
        sb.append("  labels:");
        labels.forEach(c -> sb.append(String.format(Locale.ROOT, " %s=%,d", c.label(), c.count())));
        if (rejected > 0) sb.append(String.format(Locale.ROOT, "%n  rejected rows: %,d", rejected));
        return sb.toString();
    }
}
