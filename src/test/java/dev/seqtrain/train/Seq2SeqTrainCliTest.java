package dev.seqtrain.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seqtrain.cli.CliRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code seqtrain run} of an encoder-decoder through the real CLI on Spark (2 workers, local mode): prepare, train
 * with validation (loss and teacher-forced token accuracy per epoch), the model directory written. The task: a
 * word's letters reversed and upper-cased, which cannot be learnt without the source.
 */
class Seq2SeqTrainCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path corpus() throws IOException {
        return corpus("train.tsv", 5, 600);
    }

    private Path corpus(String name, long seed, int pairs) throws IOException {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder("word\tphonemes\n");
        for (int i = 0; i < pairs; i++) {
            StringBuilder w = new StringBuilder();
            int n = 2 + r.nextInt(3);
            for (int k = 0; k < n; k++) w.append((char) ('a' + r.nextInt(5)));
            StringBuilder t = new StringBuilder();
            for (int k = n - 1; k >= 0; k--) t.append(k < n - 1 ? " " : "").append(Character.toUpperCase(w.charAt(k)));
            sb.append(w).append('\t').append(t).append('\n');
        }
        return Files.writeString(dir.resolve(name), sb.toString());
    }

    @Test
    void trainsAnEncoderDecoderOnSpark() throws IOException {
        Path model = dir.resolve("rev");
        CliRunner.Result r = CliRunner.run(Stream.of("run", "spark-jobs/cmudict-g2p.yaml",
                "--set", "data.train=" + corpus(), "--set", "data.validation=", "--set", "data.validation_split=0.2",
                "--set", "text.source.maxlen=5", "--set", "text.target.maxlen=6",
                "--set", "model.encoder.layers=[{embedding: {output_dim: 8}}, {lstm: {units: 16, bidirectional: true}}]",
                "--set", "model.decoder.layers=[{embedding: {output_dim: 8}}, {lstm: {units: 32}}]",
                "--set", "model.optimizer={name: adam, learning_rate: 0.01}",
                "--set", "training.epochs=6", "--set", "training.batch_size_per_worker=16",
                "--set", "training.workers=2", "--set", "output.dir=" + model).toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        JsonNode history = JSON.readTree(model.resolve("history.json").toFile());
        assertEquals(6, history.size());
        double first = history.get(0).path("val_accuracy").asDouble();
        double last = history.get(5).path("val_accuracy").asDouble();
        assertTrue(last > first && last > 0.5, "teacher-forced token accuracy " + first + " -> " + last + ": " + history);
        JsonNode metrics = JSON.readTree(model.resolve("metrics.json").toFile());
        assertEquals("seq2seq", metrics.get("task").asText());
        assertTrue(Files.exists(model.resolve("target_tokenizer.json")));

        // predict decodes raw sources (no target column) on the executors, greedy and with a beam
        Path raw = Files.writeString(dir.resolve("raw.tsv"), "word\nabc\nedda\nbeca\nca\n");
        for (int beam : new int[] {1, 3}) {
            Path out = dir.resolve("pred" + beam);
            CliRunner.Result p = CliRunner.run("predict", "spark-jobs/cmudict-g2p.yaml", "--set", "output.dir=" + model,
                    "--input", raw.toString(), "--output", out.toString(), "--format", "csv",
                    "--beam-width", Integer.toString(beam));
            assertEquals(0, p.exitCode(), p.err());
            java.util.Map<String, String> predicted = new java.util.TreeMap<>();
            for (String line : csvLines(out)) {
                String[] f = line.split(",");
                predicted.put(f[1], f[2]);
            }
            assertEquals(java.util.Set.of("abc", "edda", "beca", "ca"), predicted.keySet(), predicted.toString());
            long right = predicted.entrySet().stream().filter(e -> e.getValue().equals(reversedUpper(e.getKey())))
                    .count();
            assertTrue(right >= 2, "beam " + beam + ": " + predicted);
        }

        // evaluate on held-out labelled pairs: teacher-forced accuracy, and greedy decoding scored against them
        Path report = dir.resolve("report");
        CliRunner.Result e = CliRunner.run("evaluate", "spark-jobs/cmudict-g2p.yaml", "--set", "output.dir=" + model,
                "--set", "data.test=" + corpus("test.tsv", 77, 100), "--report", report.toString());
        assertEquals(0, e.exitCode(), e.err());
        JsonNode m = JSON.readTree(report.resolve("metrics.json").toFile());
        assertEquals("seq2seq", m.get("task").asText());
        assertEquals(100, m.get("examples").asInt());
        assertTrue(m.get("accuracy").asDouble() > 0.8, m.toString());
        assertTrue(m.get("exact_match").asDouble() > 0.5, m.toString());
        assertTrue(m.get("token_error_rate").asDouble() < 0.3, m.toString());
        assertTrue(m.get("bleu").asDouble() > 0.3, m.toString());
        assertTrue(Files.readString(report.resolve("report.txt")).contains("exact_match"));
        assertEquals(1, m.get("beam_width").asInt());

        // evaluate decodes as predict does, greedy or with a beam: its exact match is the share of predict's outputs
        // (same model, same options) equal to the target; length penalty 0 makes the beam's choice differ more
        Path test = dir.resolve("test.tsv");
        assertEquals(predictedExactMatch(model, test, 1, "1.0"), m.get("exact_match").asDouble(), 1e-9);
        Path beamReport = dir.resolve("beam-report");
        CliRunner.Result b = CliRunner.run("evaluate", "spark-jobs/cmudict-g2p.yaml", "--set", "output.dir=" + model,
                "--set", "data.test=" + test, "--report", beamReport.toString(),
                "--beam-width", "3", "--length-penalty", "0");
        assertEquals(0, b.exitCode(), b.err());
        JsonNode beamMetrics = JSON.readTree(beamReport.resolve("metrics.json").toFile());
        assertEquals(3, beamMetrics.get("beam_width").asInt());
        assertEquals(0.0, beamMetrics.get("length_penalty").asDouble());
        assertEquals(predictedExactMatch(model, test, 3, "0"), beamMetrics.get("exact_match").asDouble(), 1e-9,
                beamMetrics.toString());

        CliRunner.Result bad = CliRunner.run("evaluate", "spark-jobs/cmudict-g2p.yaml", "--set", "output.dir=" + model,
                "--set", "data.test=" + test, "--report", dir.resolve("bad").toString(), "--beam-width", "0");
        assertTrue(bad.exitCode() != 0 && bad.err().contains("--beam-width: must be >= 1"), bad.err());
        assertTrue(Files.notExists(dir.resolve("bad")));
    }

    /** The share of predict's outputs for the sources of {@code pairs} that equal the reversed, upper-cased word. */
    private double predictedExactMatch(Path model, Path pairs, int beam, String lengthPenalty) throws IOException {
        Path out = dir.resolve("pred-of-" + pairs.getFileName() + "-" + beam + "-" + lengthPenalty);
        CliRunner.Result p = CliRunner.run("predict", "spark-jobs/cmudict-g2p.yaml", "--set", "output.dir=" + model,
                "--input", pairs.toString(), "--output", out.toString(), "--format", "csv",
                "--beam-width", Integer.toString(beam), "--length-penalty", lengthPenalty);
        assertEquals(0, p.exitCode(), p.err());
        java.util.List<String> lines = csvLines(out);
        long right = lines.stream().map(line -> line.split(",")).filter(f -> f[2].equals(reversedUpper(f[1]))).count();
        return (double) right / lines.size();
    }

    private static String reversedUpper(String w) {
        StringBuilder t = new StringBuilder();
        for (int k = w.length() - 1; k >= 0; k--) t.append(k < w.length() - 1 ? " " : "").append(Character.toUpperCase(w.charAt(k)));
        return t.toString();
    }

    private static java.util.List<String> csvLines(Path dir) throws IOException {
        java.util.List<String> out = new java.util.ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("part-")).toList()) {
                java.util.List<String> lines = Files.readAllLines(f);
                out.addAll(lines.subList(1, lines.size())); // header
            }
        }
        return out;
    }
}
