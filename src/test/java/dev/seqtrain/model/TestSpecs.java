package dev.seqtrain.model;

import dev.seqtrain.job.JobSpecLoader;
import dev.seqtrain.job.ModelSpec;

import java.util.List;

/** Model sections written as YAML, bound through the real loader (with its value validation). */
final class TestSpecs {

    private TestSpecs() {
    }

    /** {@code modelYaml} is the body of the {@code model:} section, indented by two spaces. */
    static ModelSpec model(String modelYaml) {
        String job = "name: t\noutput: {dir: /tmp/seqtrain-test}\nmodel:\n" + modelYaml;
        return JobSpecLoader.parse("test.yaml", job, List.of()).model();
    }

    /** A model of the given layer lines (each {@code "- type: {...}"}), with an optional loss. */
    static ModelSpec layers(String loss, String... layers) {
        StringBuilder sb = new StringBuilder("  layers:\n");
        for (String l : layers) sb.append("    ").append(l).append('\n');
        if (loss != null) sb.append("  loss: ").append(loss).append('\n');
        return model(sb.toString());
    }
}
