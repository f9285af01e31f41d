package dev.seqtrain.job;

import dev.seqtrain.errors.SpecException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@code output.lock_stale_minutes}: when a job's output lock counts as left by a killed job. */
class OutputLockKeyTest {
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

    @Test
    void defaultsToTenMinutesAndMustBePositive() {
        assertEquals(Duration.ofMinutes(10), JobSpecLoader.parse("x.yaml", SPEC, List.of()).output().lockStale());
        assertEquals(Duration.ofMinutes(90), JobSpecLoader.parse("x.yaml", SPEC,
                List.of("output.lock_stale_minutes=90")).output().lockStale());
        SpecException e = assertThrows(SpecException.class,
                () -> JobSpecLoader.parse("x.yaml", SPEC, List.of("output.lock_stale_minutes=0")));
        assertEquals("x.yaml: output.lock_stale_minutes: must be > 0, got 0", e.getMessage());
    }
}
