package dev.seqtrain.job;

import dev.seqtrain.errors.SpecException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code evaluation.batch_size}: default, round trip through job.yaml, errors that name the key. */
class EvaluationKeysTest {
    private static final String SPEC = """
            name: t
            data: {format: demo}
            model:
              layers:
                - embedding: {output_dim: 8}
                - lstm: {units: 4}
                - dense: {units: 1, activation: sigmoid}
            output: {dir: /tmp/x}
            """;

    private static JobSpec parse(String... overrides) {
        return JobSpecLoader.parse("x.yaml", SPEC, List.of(overrides));
    }

    @Test
    void batchesOf512ByDefault() {
        assertEquals(512, parse().evaluation().batchSize());
        assertEquals(2048, parse("evaluation.batch_size=2048").evaluation().batchSize());
    }

    @Test
    void roundTripsThroughJobYaml() {
        JobSpec s = parse("evaluation.batch_size=64");
        String yaml = JobSpecLoader.toYaml(s);
        assertTrue(yaml.contains("batch_size: 64"), yaml);
        assertEquals(s, JobSpecLoader.parse("job.yaml", yaml, List.of()));
    }

    @Test
    void badValuesNameTheKey() {
        assertEquals("x.yaml: evaluation.batch_size: must be > 0, got 0",
                assertThrows(SpecException.class, () -> parse("evaluation.batch_size=0")).getMessage());
        String unknown = assertThrows(SpecException.class, () -> parse("evaluation.batch=4")).getMessage();
        assertTrue(unknown.startsWith("x.yaml: evaluation.batch: unknown key"), unknown);
    }
}
