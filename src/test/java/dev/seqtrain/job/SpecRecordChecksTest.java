package dev.seqtrain.job;

import dev.seqtrain.errors.SpecException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Each spec record checks its own keys, under whatever path it sits. */
class SpecRecordChecksTest {

    private static String problem(Runnable check) {
        return assertThrows(SpecException.class, check::run).getMessage();
    }

    @Test
    void recordsNameTheirKeysUnderTheGivenPath() {
        OutputSpec noDir = new OutputSpec(null, null, null, null, null, null, null);
        assertEquals("stage.output.dir: required: where the model directory goes (e.g. --set stage.output.dir=/tmp/model)",
                problem(() -> noDir.validate("stage.output")));
        TextSpec text = new TextSpec(null, null, null, null, "", null, null, null, null, null, null, null, null);
        assertEquals("t.split: must not be empty", problem(() -> text.validate("t")));
        LearningRateScheduleSpec schedule = new LearningRateScheduleSpec(LearningRateScheduleSpec.Type.STEP, 0.5, null,
                null, null, null, null);
        assertEquals("lr.decay_epochs: required for type step: the number of epochs the decay is counted in, "
                + "e.g. decay_epochs: 1", problem(() -> schedule.validate("lr")));
        assertEquals("m.layers[0].rate: must be in [0, 1), got 1.0",
                problem(() -> new DropoutSpec(1.0).validate("m.layers[0]")));
    }

    @Test
    void theLoaderRunsEverySectionsChecks() {
        assertEquals("x.yaml: training.early_stopping.patience: must be >= 0, got -1", assertThrows(SpecException.class,
                () -> JobSpecLoader.parse("x.yaml", "model: {layers: [{dense: {units: 1}}]}\noutput: {dir: /tmp/x}\n",
                        List.of("training.early_stopping.patience=-1"))).getMessage());
    }

    @Test
    void aDenseActivationIsCheckedAgainstTheOneList() {
        for (Activation a : Activation.values()) new DenseSpec(1, a.toString(), null).validate("d");
        assertEquals("d.activation: must be one of " + String.join(", ", SpecValues.spellings(Activation.class))
                + ", got 'leaky'", problem(() -> new DenseSpec(1, "leaky", null).validate("d")));
    }
}
