package dev.seqtrain.prepare;

import dev.seqtrain.job.JobSpec;
import dev.seqtrain.job.JobSpecLoader;
import dev.seqtrain.testing.LocalSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The seq2seq demo as prepare and evaluate generate it on Spark: the training side's sources (number words) never
 * appear among the validation pairs nor among the pairs evaluate scores, even with another data.demo.seed.
 */
class DemoPairSplitsTest {

    private static JobSpec spec(String... overrides) {
        String yaml = """
                name: demo
                data: {format: demo, demo: {documents: 6000, seed: 7, max_number: 9999}, validation_split: 0.2}
                text:
                  source: {maxlen: 9}
                  target: {char_level: true, maxlen: 5}
                model:
                  encoder: {layers: [{embedding: {output_dim: 4}}, {gru: {units: 4}}]}
                  decoder: {layers: [{embedding: {output_dim: 4}}, {gru: {units: 4}}]}
                output: {dir: /tmp/unused}
                """;
        return JobSpecLoader.parse("demo.yaml", yaml, List.of(overrides));
    }

    @Test
    void trainingSourcesNeverReachValidationOrEvaluation() {
        SparkSession spark = LocalSpark.session();
        JobSpec spec = spec();
        CorpusSplits splits = CorpusSplits.readPairs(spark, spec.data(), spec.training().seed());
        Set<String> train = sources(splits.train());
        Set<String> validation = sources(splits.validation());
        Set<String> evaluated = sources(DemoCorpusSource.heldOutPairs(spark, spec("data.demo.seed=99")
                .data().demo()));
        assertEquals(4800, splits.train().count());
        assertEquals(1200, splits.validation().count());
        assertTrue(train.size() > 3000 && validation.size() > 300 && evaluated.size() > 1000,
                train.size() + " / " + validation.size() + " / " + evaluated.size());
        assertNoneShared(train, validation);
        assertNoneShared(train, evaluated);
        // ords stay unique over both sides: rejected rows and ids name one pair each
        assertEquals(6000, splits.train().union(splits.validation()).select("ord").distinct().count());
        assertEquals(6000, splits.survey().documents());
    }

    private static Set<String> sources(Dataset<Row> pairs) {
        Set<String> out = new HashSet<>();
        for (Row r : pairs.select("text").collectAsList()) out.add(r.getString(0));
        return out;
    }

    private static void assertNoneShared(Set<String> a, Set<String> b) {
        List<String> shared = a.stream().filter(b::contains).sorted().toList();
        assertEquals(0, shared.size(), "shared sources, e.g. " + shared.subList(0, Math.min(5, shared.size())));
    }
}
