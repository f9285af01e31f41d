package dev.seqtrain.prepare;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seqtrain.corpus.CorpusSchemas;
import dev.seqtrain.text.LabelIndex;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import static dev.seqtrain.batch.PreparedColumns.LABEL;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.stddev_pop;

/**
 * Statistics of prepared numeric sequences, computed on executors: sequences, shape, the mean and standard deviation
 * of every feature over all time steps, and the class distribution or, for a regression target, its mean, standard
 * deviation and range. Written into {@code stats.json} plus a readable summary.
 *
 * @param target null for classes
 * @param labels empty for a regression target
 */
public record NumericCorpusStats(long documents, int timesteps, int features, double[] featureMean,
                                 double[] featureStd, List<CorpusStats.LabelCount> labels, Target target,
                                 long rejected) {

    /** A regression target's distribution (population standard deviation). */
    public record Target(double mean, double std, double min, double max) {
    }

    public static NumericCorpusStats of(Dataset<Row> prepared, int timesteps, int features, LabelIndex labelIndex,
                                        long rejected) {
        // per feature: sum and sum of squares over every time step of every row, reduced on the executors
        double[] sums = prepared.select(CorpusSchemas.FEATURES).javaRDD().treeAggregate(new double[2 * features + 1],
                (acc, row) -> {
                    List<Float> x = row.getList(0);
                    for (int i = 0; i < x.size(); i++) {
                        double v = x.get(i);
                        acc[i % features] += v;
                        acc[features + i % features] += v * v;
                    }
                    acc[2 * features] += timesteps;
                    return acc;
                },
                (a, b) -> {
                    for (int i = 0; i < a.length; i++) a[i] += b[i];
                    return a;
                });
        double steps = sums[2 * features];
        long documents = Math.round(steps / timesteps);
        double[] mean = new double[features];
        double[] std = new double[features];
        for (int f = 0; f < features && steps > 0; f++) {
            mean[f] = sums[f] / steps;
            std[f] = Math.sqrt(Math.max(0, sums[features + f] / steps - mean[f] * mean[f]));
        }
        if (labelIndex.regressionTargets()) {
            Row t = prepared.agg(count(LABEL), avg(LABEL), stddev_pop(LABEL), min(LABEL), max(LABEL)).first();
            Target target = t.getLong(0) == 0 ? new Target(0, 0, 0, 0)
                    : new Target(t.getDouble(1), t.getDouble(2), t.getFloat(3), t.getFloat(4));
            return new NumericCorpusStats(documents, timesteps, features, mean, std, List.of(), target, rejected);
        }
        List<CorpusStats.LabelCount> labels = prepared.groupBy(LABEL).count().orderBy(col(LABEL)).collectAsList()
                .stream().map(r -> new CorpusStats.LabelCount(r.getInt(0) < 0 ? "(none)" : labelIndex.label(r.getInt(0)),
                        r.getLong(1))).toList();
        return new NumericCorpusStats(documents, timesteps, features, mean, std, labels, null, rejected);
    }

    public ObjectNode toJson(ObjectMapper json) {
        ObjectNode n = json.createObjectNode();
        n.put("documents", documents);
        n.put("timesteps", timesteps);
        n.put("features", features);
        ArrayNode m = n.putArray("feature_mean");
        Arrays.stream(featureMean).forEach(m::add);
        ArrayNode s = n.putArray("feature_std");
        Arrays.stream(featureStd).forEach(s::add);
        if (target != null) {
            ObjectNode t = n.putObject("target");
            t.put("mean", target.mean());
            t.put("std", target.std());
            t.put("min", target.min());
            t.put("max", target.max());
        } else {
            ObjectNode l = n.putObject("labels");
            labels.forEach(c -> l.put(c.label(), c.count()));
        }
        n.put("rejected", rejected);
        return n;
    }

    public String describe(String split) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "%s: %,d sequences of timesteps %d x features %d%n", split, documents, timesteps, features));
        sb.append("  feature mean ").append(format(featureMean)).append(", std ").append(format(featureStd))
                .append(String.format(Locale.ROOT, "%n"));
        if (target != null) {
            sb.append(String.format(Locale.ROOT, "  target mean %.4f, std %.4f, min %.4f, max %.4f", target.mean(),
                    target.std(), target.min(), target.max()));
        } else {
            sb.append("  labels:");
            labels.forEach(c -> sb.append(String.format(Locale.ROOT, " %s=%,d", c.label(), c.count())));
        }
        if (rejected > 0) sb.append(String.format(Locale.ROOT, "%n  rejected rows: %,d", rejected));
        return sb.toString();
    }

    private static String format(double[] values) {
        return Arrays.stream(values).mapToObj(v -> String.format(Locale.ROOT, "%.4f", v))
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
