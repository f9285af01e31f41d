package dev.seqtrain.model;

import dev.seqtrain.job.DataSpec;
import dev.seqtrain.job.JobSpec;
import dev.seqtrain.job.JobSpecLoader;
import dev.seqtrain.job.RecurrentSpec;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Keras seed jobs in {@code spark-jobs/} load, pass the model check, and have Keras' parameter counts. */
class SeedJobSpecsTest {

    /** Keras totals of the seed models (Embedding(10000, 50) ... Dense(32, relu) -> Dense(1, sigmoid)). */
    private static final Map<String, Long> KERAS_TOTALS = Map.of(
            "keras-simplernn", 506_715L,
            "keras-lstm", 521_865L,
            "keras-gru", 516_965L,
            "keras-gru-2layer", 532_265L,
            "keras-bidirectional", 543_665L);

    @Test
    void seedModelsHaveKerasParameterCounts() throws IOException {
        for (Map.Entry<String, Long> seed : KERAS_TOTALS.entrySet()) {
            JobSpec job = JobSpecLoader.load(Path.of("spark-jobs", seed.getKey() + ".yaml"), List.of());
            assertEquals(seed.getKey(), job.name());
            assertEquals(DataSpec.Format.DEMO, job.data().format());
            assertEquals("/tmp/seqtrain/" + seed.getKey(), job.output().dir());
            ModelInput input = new ModelInput(job.text().numWords(), job.text().maxlen(), 2);
            ModelPlan plan = ModelPlan.of(job.model(), input);
            assertEquals(seed.getValue(), plan.totalParams(), seed.getKey() + "\n" + plan.summary());
            assertEquals(Task.BINARY, plan.task());
            assertTrue(plan.masked());
            assertTrue(plan.summary().contains("Total params: " + String.format(java.util.Locale.ROOT, "%,d", seed.getValue()) + "\n"));
            ModelPlanTest.assertDl4jCountsMatchKeras(plan);
        }
        ModelPlan gru2 = ModelPlan.of(JobSpecLoader.load(Path.of("spark-jobs/keras-gru-2layer.yaml"), List.of()).model(),
                new ModelInput(10_000, 200, 2));
        assertEquals(ModelPlanTest.golden("gru2"), gru2.summary());
        ModelPlan simple = ModelPlan.of(JobSpecLoader.load(Path.of("spark-jobs/keras-simplernn.yaml"), List.of()).model(),
                new ModelInput(10_000, 200, 2));
        assertEquals(List.of(500_000L, 5_050L, 1_632L, 33L),
                simple.layers().stream().map(LayerPlan::params).toList());
    }

    /** Every job in spark-jobs/ passes the check the CLI runs before Spark starts. */
    @Test
    void everyJobSpecPassesTheModelCheck() throws IOException {
        List<Path> specs;
        try (Stream<Path> files = Files.list(Path.of("spark-jobs"))) {
            specs = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertFalse(specs.isEmpty());
        for (Path p : specs) {
            JobSpec job = JobSpecLoader.load(p, List.of());
            Optional<String> problem = ArchitectureCheck.check(job.model());
            assertEquals(Optional.empty(), problem, p.toString());
        }
    }

}
