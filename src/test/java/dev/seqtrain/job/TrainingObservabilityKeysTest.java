package dev.seqtrain.job;

import dev.seqtrain.errors.SpecException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code training.lr_schedule}, {@code training.progress_seconds} and {@code training.collect_stats}: defaults and checks. */
class TrainingObservabilityKeysTest {
    private static final String SPEC = """
            name: t
            data: {format: demo}
            model:
              layers:
                - embedding: {output_dim: 8}
                - lstm: {units: 4}
                - dense: {units: 1, activation: sigmoid}
            training: {epochs: 6}
            output: {dir: /tmp/x}
            """;

    private static JobSpec parse(String... overrides) {
        return JobSpecLoader.parse("x.yaml", SPEC, List.of(overrides));
    }

    private static String error(String... overrides) {
        return assertThrows(SpecException.class, () -> parse(overrides)).getMessage();
    }

    @Test
    void defaults() {
        TrainingSpec t = parse().training();
        assertNull(t.lrSchedule(), "no schedule: the optimizer's rate throughout");
        assertEquals(30.0, t.progressSeconds());
        assertEquals(false, t.collectStats());
        LearningRateScheduleSpec e = parse("training.lr_schedule={type: exponential_decay, decay_rate: 0.9, decay_epochs: 1}")
                .training().lrSchedule();
        assertEquals(false, e.staircase());
        assertNull(e.alpha(), "a key the type does not take stays unset");
        assertEquals(0.0, parse("training.lr_schedule={type: cosine_decay, decay_epochs: 5}").training().lrSchedule().alpha());
    }

    @Test
    void everyTypeRoundTripsThroughJobYaml() {
        for (String schedule : List.of("{type: exponential_decay, decay_rate: 0.9, decay_epochs: 2, staircase: true}",
                "{type: step, decay_rate: 0.5, decay_epochs: 2}", "{type: cosine_decay, decay_epochs: 5, alpha: 0.1}",
                "{type: piecewise_constant, boundaries: [2, 4], values: [0.01, 0.005, 0]}")) {
            JobSpec s = parse("training.lr_schedule=" + schedule, "training.collect_stats=true",
                    "training.progress_seconds=0.5");
            assertEquals(s, JobSpecLoader.parse("job.yaml", JobSpecLoader.toYaml(s), List.of()), schedule);
        }
    }

    @Test
    void badTypeOrShapeNamesTheKey() {
        assertEquals("x.yaml: training.lr_schedule.type: must be one of exponential_decay, step, piecewise_constant, "
                + "cosine_decay, got 'linear'", error("training.lr_schedule={type: linear}"));
        assertTrue(error("training.lr_schedule={decay_rate: 0.5}").startsWith("x.yaml: training.lr_schedule.type: required"));
        assertEquals("x.yaml: training.lr_schedule: expected a map, got 'cosine'", error("training.lr_schedule=cosine"));
        assertTrue(error("training.lr_schedule={type: step, rate: 0.5}").startsWith(
                "x.yaml: training.lr_schedule.rate: unknown key; allowed: "), error("training.lr_schedule={type: step, rate: 0.5}"));
        assertEquals("x.yaml: training.lr_schedule.decay_epochs: expected an integer, got 'two'",
                error("training.lr_schedule={type: step, decay_rate: 0.5, decay_epochs: two}"));
    }

    @Test
    void missingFieldsNameTheKey() {
        assertTrue(error("training.lr_schedule={type: exponential_decay, decay_epochs: 1}")
                .startsWith("x.yaml: training.lr_schedule.decay_rate: required for type exponential_decay"));
        assertTrue(error("training.lr_schedule={type: step, decay_rate: 0.5}")
                .startsWith("x.yaml: training.lr_schedule.decay_epochs: required for type step"));
        assertTrue(error("training.lr_schedule={type: cosine_decay}")
                .startsWith("x.yaml: training.lr_schedule.decay_epochs: required for type cosine_decay"));
        assertTrue(error("training.lr_schedule={type: piecewise_constant, values: [0.1]}")
                .startsWith("x.yaml: training.lr_schedule.boundaries: required for type piecewise_constant"));
        assertTrue(error("training.lr_schedule={type: piecewise_constant, boundaries: [2]}")
                .startsWith("x.yaml: training.lr_schedule.values: required for type piecewise_constant"));
    }

    @Test
    void listsOfDifferentLengthsAndBadEntries() {
        assertEquals("x.yaml: training.lr_schedule.values: needs one more entry than boundaries (2 boundaries -> 3 "
                        + "values), got 2",
                error("training.lr_schedule={type: piecewise_constant, boundaries: [2, 4], values: [0.1, 0.01]}"));
        assertEquals("x.yaml: training.lr_schedule.boundaries: must be increasing epoch numbers, got [4, 2]",
                error("training.lr_schedule={type: piecewise_constant, boundaries: [4, 2], values: [0.1, 0.01, 0.001]}"));
        assertEquals("x.yaml: training.lr_schedule.boundaries[0]: must be an epoch number >= 1, got 0",
                error("training.lr_schedule={type: piecewise_constant, boundaries: [0], values: [0.1, 0.01]}"));
        assertEquals("x.yaml: training.lr_schedule.values[1]: must be a learning rate >= 0, got -0.01",
                error("training.lr_schedule={type: piecewise_constant, boundaries: [2], values: [0.1, -0.01]}"));
        assertEquals("x.yaml: training.lr_schedule.values[0]: must be a learning rate >= 0, got null",
                error("training.lr_schedule={type: piecewise_constant, boundaries: [2], values: [~, 0.01]}"));
    }

    @Test
    void valuesAndKeysOfAnotherType() {
        assertEquals("x.yaml: training.lr_schedule.boundaries: not a key of type cosine_decay (it takes decay_epochs, "
                + "alpha); remove it", error("training.lr_schedule={type: cosine_decay, decay_epochs: 4, boundaries: [2]}"));
        assertEquals("x.yaml: training.lr_schedule.staircase: not a key of type step (it takes decay_rate, "
                + "decay_epochs); remove it", error("training.lr_schedule={type: step, decay_rate: 0.5, decay_epochs: 1, staircase: true}"));
        assertEquals("x.yaml: training.lr_schedule.decay_rate: must be > 0, got 0.0",
                error("training.lr_schedule={type: exponential_decay, decay_rate: 0, decay_epochs: 1}"));
        assertEquals("x.yaml: training.lr_schedule.decay_epochs: must be > 0, got 0",
                error("training.lr_schedule={type: cosine_decay, decay_epochs: 0}"));
        assertEquals("x.yaml: training.lr_schedule.alpha: must be in [0, 1] (the final rate as a fraction of the "
                + "initial one), got 1.5", error("training.lr_schedule={type: cosine_decay, decay_epochs: 3, alpha: 1.5}"));
        assertTrue(error("training.progress_seconds=-1").startsWith("x.yaml: training.progress_seconds: must be >= 0"));
        assertEquals("x.yaml: training.collect_stats: expected true or false, got 'yes please'",
                error("training.collect_stats=yes please"));
    }

    @Test
    void averagingRoundsAndApproach() {
        TrainingSpec t = parse().training();
        assertEquals(TrainingSpec.AveragingRounds.EXACT, t.averagingRounds(), "every batch fitted once unless DL4J's own splits are asked for");
        assertEquals(TrainingSpec.Approach.DIRECT, t.approach());
        assertEquals(true, t.shuffle());
        assertEquals(TrainingSpec.AveragingRounds.DL4J, parse("training.averaging_rounds=dl4j").training().averagingRounds());
        assertEquals("x.yaml: training.averaging_rounds: must be one of exact, dl4j, got 'some'",
                error("training.averaging_rounds=some"));
        assertTrue(error("training.approach=copy").startsWith("x.yaml: training.approach: must be one of direct, export"));
    }
}
