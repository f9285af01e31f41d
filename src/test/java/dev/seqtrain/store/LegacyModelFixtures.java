package dev.seqtrain.store;

import dev.seqtrain.cli.CliRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Writes the model directories under {@code src/test/resources/legacy-models/} with the real CLI: {@code run}, then
 * {@code predict} (csv) and {@code evaluate}. The committed directories were written by the code before the
 * recurrent engine replaced DL4J's LSTM / SimpleRnn and the old GRU (commit 84c6adf); {@link LegacyModelsTest} loads
 * them with today's code. Rerunning this rewrites them with today's code, so it only runs on request:
 * {@code -Dseqtrain.writeLegacyModels=src/test/resources/legacy-models}.
 */
@EnabledIfSystemProperty(named = "seqtrain.writeLegacyModels", matches = ".+")
class LegacyModelFixtures {

    static final List<String> NAMES = List.of("demo", "lstm", "simple-rnn", "gru", "bilstm");

    @Test
    void write() throws Exception {
        Path root = Path.of(System.getProperty("seqtrain.writeLegacyModels")).toAbsolutePath();
        Path work = Files.createTempDirectory("legacy-models");
        for (String name : NAMES) {
            Path spec = root.resolve("specs/" + name + ".yaml");
            Path dir = root.resolve(name);
            Path model = dir.resolve("model");
            String[] out = {"--set", "output.dir=" + model, "--set", "output.prepared_dir=" + work.resolve(name)};
            check(CliRunner.run(join(new String[] {"run", spec.toString()}, out)));
            check(CliRunner.run(join(new String[] {"predict", spec.toString(), "--format", "csv", "--output",
                    dir.resolve("predictions").toString()}, out)));
            check(CliRunner.run(join(new String[] {"evaluate", spec.toString(), "--report",
                    dir.resolve("evaluation").toString()}, out)));
        }
    }

    private static void check(CliRunner.Result r) {
        assertEquals(0, r.exitCode(), r.err());
    }

    static String[] join(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
