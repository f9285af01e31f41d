package dev.seqtrain.train;

import dev.seqtrain.cli.CliRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two runs of the same job (same seed, same data) end with the same weights, bit for bit, and a run killed after
 * epoch 2 and resumed ends where the uninterrupted run does (issue #15: "a resumed run equals an uninterrupted one").
 * Three workers on local[2]'s two cores finish their tasks in varying order; DL4J's aggregation added their results in
 * that order (two workers' sums commute, three workers' do not), which made the weights differ in the last bits.
 */
class DeterministicRunsTest {

    @Test
    void twoRunsAndAResumedRunEndWithTheSameWeights(@TempDir Path tmp) throws Exception {
        String prepared = "output.prepared_dir=" + tmp.resolve("prepared");
        String[] job = {"--set", "training.epochs=3", "--set", prepared, "--set", "training.averaging_frequency=2",
                "--set", "training.workers=3"};

        TrainCli.Result first = TrainCli.demo("run", tmp.resolve("a"), job);
        assertEquals(0, first.exitCode(), first.err());
        TrainCli.Result second = TrainCli.demo("train", tmp.resolve("b"), job);
        assertEquals(0, second.exitCode(), second.err());
        MultiLayerNetwork a = CheckpointResumeTest.restore(tmp.resolve("a/model.zip"));
        assertSameState(a, CheckpointResumeTest.restore(tmp.resolve("b/model.zip")), "two identical runs");

        try (var fault = Faults.killAfterEpoch(2)) {
            assertEquals(70, TrainCli.demo("train", tmp.resolve("c"), job).exitCode());
        }
        TrainCli.Result resumed = TrainCli.demo("train", tmp.resolve("c"), concat(job, "--resume"));
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertSameState(a, CheckpointResumeTest.restore(tmp.resolve("c/model.zip")), "a run resumed after epoch 2");
    }

    /** The same for the encoder-decoder demo, tiny: 600 pairs, two epochs, killed after the first. */
    @Test
    void seq2seqRunsAndAResumedRunEndWithTheSameWeights(@TempDir Path tmp) throws Exception {
        String[] job = {"--set", "data.demo.documents=600", "--set", "training.epochs=2", "--set", "training.workers=3",
                "--set", "training.averaging_frequency=2", "--set", "output.prepared_dir=" + tmp.resolve("prepared"),
                "--set", "output.if_exists=overwrite"};
        CliRunner.Result first = seq2seq("run", tmp.resolve("a"), job);
        assertEquals(0, first.exitCode(), first.err());
        CliRunner.Result second = seq2seq("train", tmp.resolve("b"), job);
        assertEquals(0, second.exitCode(), second.err());
        MultiLayerNetwork a = CheckpointResumeTest.restore(tmp.resolve("a/model.zip"));
        assertSameState(a, CheckpointResumeTest.restore(tmp.resolve("b/model.zip")), "two identical seq2seq runs");
        try (var fault = Faults.killAfterEpoch(1)) {
            assertEquals(70, seq2seq("train", tmp.resolve("c"), job).exitCode());
        }
        CliRunner.Result resumed = seq2seq("train", tmp.resolve("c"), concat(job, "--resume"));
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertSameState(a, CheckpointResumeTest.restore(tmp.resolve("c/model.zip")), "a seq2seq run resumed after epoch 1");
    }

    private static CliRunner.Result seq2seq(String command, Path model, String... settings) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(command, "spark-jobs/demo-seq2seq.yaml",
                "--set", "output.dir=" + model));
        args.addAll(java.util.List.of(settings));
        return CliRunner.run(args);
    }

    static void assertSameState(MultiLayerNetwork expected, MultiLayerNetwork actual, String what) {
        assertArrayEquals(floats(expected.params()), floats(actual.params()), what + ": parameters");
        assertArrayEquals(floats(expected.getUpdater().getStateViewArray()),
                floats(actual.getUpdater().getStateViewArray()), what + ": optimizer state");
    }

    /** Exact comparison: assertArrayEquals on float[] without a delta compares the bits' values, not within a tolerance. */
    static float[] floats(INDArray a) {
        return a.dup().reshape(a.length()).toFloatVector();
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
