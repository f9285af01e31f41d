package dev.seqtrain.prepare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seqtrain.job.JobSpec;
import dev.seqtrain.job.JobSpecLoader;
import dev.seqtrain.store.HadoopFiles;
import dev.seqtrain.testing.LocalSpark;
import dev.seqtrain.testing.SharedFolder;
import dev.seqtrain.text.TokenCount;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Keras golden case {@code mr-w2000-oov}, run through the Spark prepare job with the corpus cut into many small
 * splits: the distributed vocabulary (counts and first-occurrence tie-break) and the padded sequences must equal
 * Keras exactly, whatever the partitioning. Reads {@code <seqtrain.shared>} in place; a skip when absent, a failure
 * under CI=true ({@link SharedFolder}).
 */
class SparkKerasConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void sparkPrepareReproducesKerasOnManyPartitions(@TempDir Path tmp) throws Exception {
        Path shared = SharedFolder.root();
        Path kase = SharedFolder.require("conformance/keras-text/mr-w2000-oov");
        JsonNode params = JSON.readTree(kase.resolve("params.json").toFile());
        Path corpus = shared.resolve("corpora/mr").resolve(params.get("corpus").asText());
        String out = tmp.resolve("model").toString();
        JobSpec spec = JobSpecLoader.parse("conformance", """
                name: conformance
                data: {format: tsv, train: %s, validation: %s}
                text: {num_words: %d, oov_token: "%s", maxlen: %d, padding: pre, truncating: pre}
                model: {layers: [{embedding: {output_dim: 4}}, {lstm: {units: 2}}, {dense: {units: 1, activation: sigmoid}}]}
                output: {dir: %s}
                """.formatted(corpus, corpus, params.get("num_words").asInt(), params.get("oov_token").asText(),
                params.get("maxlen").asInt(), out), List.of());

        SparkSession spark = LocalSpark.session();
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        String key = "mapreduce.input.fileinputformat.split.maxsize";
        String before = conf.get(key);
        conf.set(key, String.valueOf(64 * 1024)); // ~20 splits for the 1.2 MB corpus
        PreparedData prepared;
        try {
            prepared = new PrepareJob(spark, new HadoopFiles(conf)).run(spec);
        } finally {
            if (before == null) conf.unset(key); else conf.set(key, before);
        }

        // the vocabulary: index, token, count, as Keras' word_index (the part num_words can emit)
        List<String> golden = Files.readAllLines(kase.resolve("word_index.tsv"));
        List<TokenCount> entries = prepared.vocabulary().entriesByIndex();
        int limit = params.get("num_words").asInt();
        for (int i = 1; i < limit && i < golden.size(); i++) {
            String[] g = golden.get(i).split("\t");
            TokenCount e = entries.get(i - 1);
            assertEquals(Integer.parseInt(g[0]) + " " + g[1] + " " + g[2], i + " " + e.token() + " " + e.count(),
                    "word_index row " + i);
        }

        // stats.json counts every distinct token of the corpus, not only the num_words the vocabulary keeps:
        // Keras' word_index minus its header and the OOV entry
        JsonNode stats = JSON.readTree(Path.of(java.net.URI.create(prepared.dir())).resolve("stats.json").toFile());
        assertEquals(golden.size() - 2, stats.get("train").get("distinct_tokens").asLong());

        // the padded sequences (pre/pre) of the first 200 documents, by id file:line (line = row + 2: header)
        Map<Integer, List<Integer>> byRow = new HashMap<>();
        for (Row r : spark.read().parquet(prepared.trainPath()).select("id", "ids").collectAsList()) {
            String id = r.getString(0);
            int line = Integer.parseInt(id.substring(id.lastIndexOf(':') + 1));
            byRow.put(line - 2, r.getList(1));
        }
        assertEquals(params.get("documents").asInt(), byRow.size());
        List<String> padded = Files.readAllLines(kase.resolve("padded_pre_pre.jsonl"));
        assertTrue(padded.size() >= 200);
        for (String line : padded) {
            JsonNode n = JSON.readTree(line);
            List<Integer> expected = new ArrayList<>();
            n.get("ids").forEach(v -> expected.add(v.asInt()));
            assertEquals(expected, byRow.get(n.get("row").asInt()), "row " + n.get("row"));
        }
    }
}
