package dev.seqtrain.job;

import dev.seqtrain.errors.SpecException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code training.batching}: defaults, values, round trip through job.yaml, errors that name the key. */
class BatchingKeysTest {
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

    private static String error(String... overrides) {
        return assertThrows(SpecException.class, () -> parse(overrides)).getMessage();
    }

    @Test
    void dynamicPaddingInEightBucketsByDefault() {
        BatchingSpec b = parse().training().batching();
        assertEquals(BatchingSpec.Padding.DYNAMIC, b.padding());
        assertEquals(8, b.buckets());
        assertEquals(new BatchingSpec(BatchingSpec.Padding.FIXED, 8),
                parse("training.batching.padding=fixed").training().batching());
        assertEquals(new BatchingSpec(BatchingSpec.Padding.DYNAMIC, 1),
                parse("training.batching={buckets: 1}").training().batching());
    }

    @Test
    void roundTripsThroughJobYaml() {
        JobSpec s = parse("training.batching={padding: fixed, buckets: 3}");
        String yaml = JobSpecLoader.toYaml(s);
        assertTrue(yaml.contains("padding: fixed"), yaml);
        assertEquals(s, JobSpecLoader.parse("job.yaml", yaml, List.of()));
    }

    @Test
    void badValuesNameTheKey() {
        assertTrue(error("training.batching.padding=ragged").startsWith("x.yaml: training.batching.padding: "),
                error("training.batching.padding=ragged"));
        assertTrue(error("training.batching.padding=ragged").contains("fixed, dynamic"),
                error("training.batching.padding=ragged"));
        assertEquals("x.yaml: training.batching.buckets: must be > 0, got 0", error("training.batching.buckets=0"));
        assertTrue(error("training.batching.bucket=4").startsWith("x.yaml: training.batching.bucket: unknown key"),
                error("training.batching.bucket=4"));
    }
}
