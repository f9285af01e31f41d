package dev.seqtrain.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seqtrain.testing.LocalSpark;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Numeric sequences through the CLI in Spark local mode, prepare → train → evaluate → predict on generated files:
 * a GRU regression from Parquet (one array per time step; the target is the sum of the last step's features, variance
 * 2) and an LSTM classifier from CSV with one column per number (the class is the sign of the sequence's mean). Bad
 * rows are rejected with their file, line and reason, and fail the job beyond data.max_rejected_fraction.
 */
class NumericRunEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int T = 6;
    private static final int F = 2;
    private static SparkSession spark;

    @BeforeAll
    static void spark() {
        spark = LocalSpark.session();
    }

    /** One generated sequence: time-major values, its regression target and its class. */
    private record Series(String key, float[] x, float target, String direction) {
        static Series of(Random r, String key) {
            float[] x = new float[T * F];
            float mean = 0;
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) r.nextGaussian();
                mean += x[i] / x.length;
            }
            float target = 0;
            for (int f = 0; f < F; f++) target += x[(T - 1) * F + f];
            return new Series(key, x, target, mean > 0 ? "pos" : "neg");
        }

        List<List<Float>> steps() {
            List<List<Float>> out = new ArrayList<>();
            for (int t = 0; t < T; t++) {
                List<Float> step = new ArrayList<>();
                for (int f = 0; f < F; f++) step.add(x[t * F + f]);
                out.add(step);
            }
            return out;
        }
    }

    private static List<Series> series(int n, long seed, String prefix) {
        Random r = new Random(seed);
        List<Series> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(Series.of(r, prefix + i));
        return out;
    }

    private static final StructType PARQUET = new StructType()
            .add("key", DataTypes.StringType)
            .add("x", DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.FloatType)))
            .add("y", DataTypes.FloatType);

    /** {@code extra}: rows appended as they are (the bad ones). */
    private static Path parquet(Path dir, List<Series> data, List<Row> extra) {
        List<Row> rows = new ArrayList<>();
        for (Series s : data) rows.add(RowFactory.create(s.key(), s.steps(), s.target()));
        rows.addAll(extra);
        spark.createDataFrame(rows, PARQUET).coalesce(1).write().parquet(dir.toString());
        return dir;
    }

    static String regressionSpec(Path train, Path validation, Path model) {
        return """
                name: numeric-regression
                data:
                  format: parquet
                  train: %s
                  validation: %s
                  features_column: x
                  label_column: y
                  id_column: key
                model:
                  input: {timesteps: %d, features: %d}
                  layers:
                    - gru: {units: 16}
                    - dense: {units: 1}
                  loss: mse
                  optimizer: {name: adam, learning_rate: 0.01}
                training:
                  epochs: 2
                  batch_size_per_worker: 32
                  averaging_frequency: 5
                  workers: 2
                  seed: 42
                  early_stopping: {monitor: val_mse, patience: 1}
                output:
                  dir: %s
                  if_exists: overwrite
                """.formatted(train.toUri(), validation.toUri(), T, F, model);
    }

    @Test
    void parquetRegressionLearnsTheTargetAndPredictsIt(@TempDir Path tmp) throws Exception {
        Path train = parquet(tmp.resolve("train"), series(1600, 1, "t"), List.of(
                RowFactory.create("bad-step", List.of(List.of(1f, 2f), List.of(3f), List.of(1f, 2f), List.of(1f, 2f),
                        List.of(1f, 2f), List.of(1f, 2f)), 1f),
                RowFactory.create("bad-null", null, 1f)));
        Path validation = parquet(tmp.resolve("validation"), series(300, 2, "v"), List.of());
        Path model = tmp.resolve("model");
        Path job = Files.writeString(tmp.resolve("regression.yaml"), regressionSpec(train, validation, model));

        CliRunner.Result p = CliRunner.run("prepare", job.toString());
        assertEquals(0, p.exitCode(), p.err());
        Path prepared = tmp.resolve("model.prepared");
        assertFalse(Files.exists(prepared.resolve("tokenizer.json")), "numeric input has no tokenizer");
        JsonNode preparedBy = JSON.readTree(prepared.resolve("provenance.json").toFile());
        ProvenanceChecks.common(preparedBy, "prepare", "numeric-regression");
        JsonNode trainInput = ProvenanceChecks.input(preparedBy, "/train");
        assertTrue(trainInput.path("files").asLong() >= 1 && trainInput.path("bytes").asLong() > 0, trainInput.toString());
        assertTrue(preparedBy.path("prepared_data_sha256").asText().matches("[0-9a-f]{64}"), preparedBy.toString());
        JsonNode manifest = JSON.readTree(prepared.resolve("prepared.json").toFile());
        assertEquals("numeric", manifest.get("input").asText());
        assertEquals("target", JSON.readTree(prepared.resolve("labels.json").toFile()).get("kind").asText());
        JsonNode stats = JSON.readTree(prepared.resolve("stats.json").toFile()).get("train");
        assertEquals(1600, stats.get("documents").asLong());
        assertEquals(2, stats.get("rejected").asLong());
        assertEquals(F, stats.get("feature_mean").size());
        assertEquals(0.0, stats.get("feature_mean").get(1).asDouble(), 0.05);
        assertEquals(1.0, stats.get("feature_std").get(0).asDouble(), 0.05);
        double targetStd = stats.get("target").get("std").asDouble();
        assertEquals(Math.sqrt(2), targetStd, 0.1);
        Row first = spark.read().parquet(prepared.resolve("train").toString()).orderBy("id").first();
        assertEquals(T * F, first.getList(first.fieldIndex("features")).size());
        assertEquals(T, first.getInt(first.fieldIndex("length")));
        assertEquals(DataTypes.FloatType, first.schema().apply("label").dataType());
        // each rejected row names its file and row (1-based) and the reason
        List<String> rejected = rejectedRows(tmp.resolve("model.prepared.rejected"));
        assertEquals(2, rejected.size(), rejected.toString());
        assertTrue(rejected.get(0).matches("file:.*/train/part-[^ ]*\\.parquet:1601 column 'x' step 2 has 1 numbers, "
                + "expected 2 \\(model.input.features\\)"), rejected.toString());
        assertTrue(rejected.get(1).matches("file:.*/train/part-[^ ]*\\.parquet:1602 column 'x' is null"),
                rejected.toString());

        CliRunner.Result t = CliRunner.run("train", job.toString());
        assertEquals(0, t.exitCode(), t.err());
        assertFalse(Files.exists(model.resolve("tokenizer.json")));
        JsonNode metrics = JSON.readTree(model.resolve("metrics.json").toFile());
        assertEquals("regression", metrics.get("task").asText());
        double variance = targetStd * targetStd;
        assertTrue(metrics.get("mse").asDouble() < 0.25 * variance, "validation mse " + metrics + " vs variance " + variance);
        JsonNode history = JSON.readTree(model.resolve("history.json").toFile());
        assertTrue(history.get(0).has("val_mae") && history.get(0).has("val_mse"), history.toString());
        assertEquals(metrics.get("mse").asDouble(), metrics.get("loss").asDouble(), 1e-3, "mse is the loss");

        // evaluate the saved model on sequences it never saw
        Path fresh = parquet(tmp.resolve("fresh"), series(400, 3, "f"), List.of());
        Path report = tmp.resolve("report");
        CliRunner.Result e = CliRunner.run("evaluate", job.toString(), "--set", "data.test=" + fresh.toUri(),
                "--report", report.toString());
        assertEquals(0, e.exitCode(), e.err());
        JsonNode evaluated = JSON.readTree(report.resolve("metrics.json").toFile());
        assertEquals(400, evaluated.get("examples").asLong());
        assertEquals("regression", evaluated.get("task").asText());
        double evaluatedVariance = Math.pow(evaluated.get("target_std").asDouble(), 2);
        assertTrue(evaluated.get("mse").asDouble() < 0.25 * evaluatedVariance, evaluated.toString());
        assertTrue(Files.readString(report.resolve("report.txt")).contains("mae"));

        // predict: id + prediction, close to the truth, in Parquet and in CSV
        List<Series> unseen = series(200, 4, "p");
        Path input = parquet(tmp.resolve("unseen"), unseen, List.of());
        Path out = tmp.resolve("predictions");
        CliRunner.Result pr = CliRunner.run("predict", job.toString(), "--input", input.toUri().toString(),
                "--output", out.toString());
        assertEquals(0, pr.exitCode(), pr.err());
        List<Row> predicted = spark.read().parquet(out.toString()).collectAsList();
        assertEquals(List.of("id", "prediction"), List.of(predicted.get(0).schema().fieldNames()));
        Map<String, Float> truth = new HashMap<>();
        unseen.forEach(s -> truth.put(s.key(), s.target()));
        double squared = 0;
        for (Row r : predicted) squared += Math.pow(r.getDouble(1) - truth.get(r.getString(0)), 2);
        assertEquals(200, predicted.size());
        assertTrue(squared / predicted.size() < 0.25 * variance, "predict mse " + squared / predicted.size());
        Path csv = tmp.resolve("predictions-csv");
        CliRunner.Result pc = CliRunner.run("predict", job.toString(), "--input", input.toUri().toString(),
                "--output", csv.toString(), "--format", "csv");
        assertEquals(0, pc.exitCode(), pc.err());
        assertEquals(List.of("id", "prediction"), List.of(spark.read().option("header", "true").csv(csv.toString())
                .schema().fieldNames()));

        // the same series as JSON Lines (an array of per-step arrays per line): the same predictions
        StringBuilder lines = new StringBuilder();
        for (Series s : unseen) {
            lines.append(JSON.writeValueAsString(Map.of("key", s.key(), "x", s.steps()))).append('\n');
        }
        Path jsonl = Files.writeString(tmp.resolve("unseen.jsonl"), lines);
        Path fromJson = tmp.resolve("predictions-jsonl");
        CliRunner.Result pj = CliRunner.run("predict", job.toString(), "--set", "data.format=jsonl",
                "--input", jsonl.toUri().toString(), "--output", fromJson.toString());
        assertEquals(0, pj.exitCode(), pj.err());
        Map<String, Double> parquetPredictions = new HashMap<>();
        predicted.forEach(r -> parquetPredictions.put(r.getString(0), r.getDouble(1)));
        List<Row> jsonPredicted = spark.read().parquet(fromJson.toString()).collectAsList();
        assertEquals(200, jsonPredicted.size());
        for (Row r : jsonPredicted) assertEquals(parquetPredictions.get(r.getString(0)), r.getDouble(1), 1e-5, r.getString(0));
    }

    static String classifierSpec(Path train, Path model) {
        StringBuilder cols = new StringBuilder();
        for (int t = 0; t < T; t++) for (int f = 0; f < F; f++) cols.append(cols.length() == 0 ? "" : ", ").append("t" + t + "f" + f);
        return """
                name: numeric-classes
                data:
                  format: csv
                  train: %s
                  validation_split: 0.2
                  feature_columns: [%s]
                  label_column: label
                model:
                  input: {timesteps: %d, features: %d}
                  layers:
                    - lstm: {units: 16}
                    - dense: {units: 2, activation: softmax}
                  optimizer: {name: adam, learning_rate: 0.02}
                training:
                  epochs: 2
                  batch_size_per_worker: 32
                  averaging_frequency: 5
                  workers: 2
                  seed: 42
                output:
                  dir: %s
                  if_exists: overwrite
                """.formatted(train.toUri(), cols, T, F, model);
    }

    /** CSV with one column per number, time-major; {@code bad} lines are appended as they are. */
    private static Path csv(Path file, List<Series> data, List<String> bad) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int t = 0; t < T; t++) for (int f = 0; f < F; f++) sb.append("t").append(t).append("f").append(f).append(',');
        sb.append("label\n");
        for (Series s : data) {
            for (float v : s.x()) sb.append(v).append(',');
            sb.append(s.direction()).append('\n');
        }
        bad.forEach(b -> sb.append(b).append('\n'));
        return Files.writeString(file, sb.toString());
    }

    @Test
    void csvClassifierLearnsTheSignAndRejectsBadRowsWithFileAndReason(@TempDir Path tmp) throws Exception {
        String ones = "1,".repeat(T * F - 1);
        Path train = csv(tmp.resolve("train.csv"), series(1500, 5, "t"), List.of(
                ones + "abc,pos", ones + ",neg", ones + "1,1,pos"));
        Path model = tmp.resolve("model");
        Path job = Files.writeString(tmp.resolve("classes.yaml"), classifierSpec(train, model));

        // 3 bad rows of 1,503 are more than allowed with data.max_rejected_fraction 0: exit 3, file:line and reason
        CliRunner.Result strict = CliRunner.run("prepare", job.toString(), "--set", "data.max_rejected_fraction=0");
        assertEquals(3, strict.exitCode(), strict.err());
        assertTrue(strict.err().contains("3 of 1,503 rows"), strict.err());
        String file = new org.apache.hadoop.fs.Path(train.toUri()).toString();
        assertTrue(strict.err().contains(file + ":1502 (column 't5f1' is not a finite number: 'abc')"), strict.err());

        CliRunner.Result r = CliRunner.run("run", job.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(List.of(
                        file + ":1502 column 't5f1' is not a finite number: 'abc'",
                        file + ":1503 column 't5f1' is empty",
                        file + ":1504 expected " + (T * F + 1) + " fields, got " + (T * F + 2)),
                rejectedRows(tmp.resolve("model.prepared.rejected")));
        JsonNode metrics = JSON.readTree(model.resolve("metrics.json").toFile());
        assertEquals("multiclass", metrics.get("task").asText());
        assertTrue(metrics.get("accuracy").asDouble() > 0.8, "validation accuracy " + metrics);
        JsonNode labels = JSON.readTree(model.resolve("labels.json").toFile());
        assertEquals("neg,pos", String.join(",", JSON.convertValue(labels.get("labels"), String[].class)));
        JsonNode stats = JSON.readTree(tmp.resolve("model.prepared/stats.json").toFile()).get("train");
        assertEquals(2, stats.get("labels").size());
        long documents = stats.get("labels").get("neg").asLong() + stats.get("labels").get("pos").asLong();
        assertEquals(stats.get("documents").asLong(), documents);

        List<Series> unseen = series(300, 6, "u");
        Path fresh = csv(tmp.resolve("fresh.csv"), unseen, List.of());
        Path report = tmp.resolve("report");
        CliRunner.Result e = CliRunner.run("evaluate", job.toString(), "--set", "data.test=" + fresh.toUri(),
                "--report", report.toString());
        assertEquals(0, e.exitCode(), e.err());
        JsonNode evaluated = JSON.readTree(report.resolve("metrics.json").toFile());
        assertEquals(300, evaluated.get("examples").asLong());
        assertTrue(evaluated.get("accuracy").asDouble() > 0.8, evaluated.toString());

        // predict reads the same columns without a label; rows are named file:line
        Path out = tmp.resolve("predictions");
        CliRunner.Result p = CliRunner.run("predict", job.toString(), "--input", fresh.toUri().toString(),
                "--output", out.toString(), "--format", "csv");
        assertEquals(0, p.exitCode(), p.err());
        List<Row> predicted = spark.read().option("header", "true").csv(out.toString()).collectAsList();
        assertEquals(List.of("id", "predicted_label", "p_neg", "p_pos"), List.of(predicted.get(0).schema().fieldNames()));
        int right = 0;
        for (Row row : predicted) {
            int line = Integer.parseInt(row.getString(0).substring(row.getString(0).lastIndexOf(':') + 1));
            if (unseen.get(line - 2).direction().equals(row.getString(1))) right++;
            assertEquals(1.0, Double.parseDouble(row.getString(2)) + Double.parseDouble(row.getString(3)), 1e-4);
        }
        assertEquals(300, predicted.size());
        assertTrue(right > 0.8 * 300, right + " of 300 predicted right");
    }

    /** The rejected rows in {@code dir} (JSON lines) as "source reason", sorted. */
    private static List<String> rejectedRows(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> parts = Files.list(dir)) {
            for (Path part : parts.filter(f -> f.getFileName().toString().startsWith("part-")).toList()) {
                for (String line : Files.readAllLines(part)) {
                    if (line.isBlank()) continue;
                    JsonNode n = JSON.readTree(line);
                    out.add(n.get("source").asText() + " " + n.get("reason").asText());
                }
            }
        }
        out.sort(null);
        return out;
    }
}
