package dev.seqtrain.prepare;

import dev.seqtrain.cli.CliRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input to prepare: one clear line, exit code 3, and no prepared directory left behind. */
class PrepareErrorsTest {

    private static CliRunner.Result prepare(Path dir, String train, String... more) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("prepare",
                "spark-jobs/demo-sentiment.yaml", "--set", "data.format=tsv", "--set", "data.train=" + train,
                "--set", "output.dir=" + dir.resolve("model"), "--set", "data.validation_split=0.5"));
        args.addAll(java.util.List.of(more));
        return CliRunner.run(args.toArray(new String[0]));
    }

    private static void assertNothingWritten(Path dir) {
        assertFalse(Files.exists(dir.resolve("model.prepared")), "no prepared directory may be left");
    }

    @Test
    void missingPathNamesIt(@TempDir Path dir) {
        CliRunner.Result r = prepare(dir, dir.resolve("nope/*.tsv").toString());
        assertEquals(3, r.exitCode(), r.err());
        assertTrue(r.err().contains("matches no file") && r.err().contains("nope"), r.err());
        assertNothingWritten(dir);
    }

    @Test
    void emptyCorpusIsAnError(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("empty.tsv"), "text\tlabel\n");
        CliRunner.Result r = prepare(dir, f.toString());
        assertEquals(3, r.exitCode(), r.err());
        assertTrue(r.err().contains("the training corpus is empty"), r.err());
        assertNothingWritten(dir);
    }

    @Test
    void tooManyBrokenRowsFailWithExamplesAndTheRejectedFile(@TempDir Path dir) throws Exception {
        StringBuilder sb = new StringBuilder("text\tlabel\n");
        for (int i = 0; i < 50; i++) sb.append("good movie ").append(i).append("\tpos\n");
        for (int i = 0; i < 50; i++) sb.append("bad movie ").append(i).append("\tneg\n");
        sb.append("a row\twith\tthree fields\n").append("\tneg\n");
        Path f = Files.writeString(dir.resolve("broken.tsv"), sb);
        CliRunner.Result r = prepare(dir, f.toString());
        assertEquals(3, r.exitCode(), r.err());
        assertTrue(r.err().contains("2 of 102 rows") && r.err().contains("data.max_rejected_fraction"), r.err());
        assertTrue(r.err().contains("broken.tsv:"), "names file and line: " + r.err());
        assertTrue(Files.isDirectory(dir.resolve("model.prepared.rejected")), "rejected rows are written aside");
        assertNothingWritten(dir);
        // allowed: the same input passes with a higher threshold, the rejected rows still written aside
        CliRunner.Result ok = prepare(dir, f.toString(), "--set", "data.max_rejected_fraction=0.05");
        assertEquals(0, ok.exitCode(), ok.err());
    }

    @Test
    void unknownLabelInValidationData(@TempDir Path dir) throws Exception {
        Path train = Files.writeString(dir.resolve("train.tsv"), "text\tlabel\ngood\tpos\nbad\tneg\nfine\tpos\n");
        Path validation = Files.writeString(dir.resolve("validation.tsv"), "text\tlabel\nmeh\tneutral\n");
        CliRunner.Result r = CliRunner.run("prepare", "spark-jobs/demo-sentiment.yaml", "--set", "data.format=tsv",
                "--set", "data.train=" + train, "--set", "data.validation=" + validation,
                "--set", "data.validation_split=", "--set", "output.dir=" + dir.resolve("model"));
        assertEquals(3, r.exitCode(), r.err());
        assertTrue(r.err().contains("label 'neutral' does not occur in the training data"), r.err());
        assertTrue(r.err().contains("validation.tsv:2"), r.err());
        assertNothingWritten(dir);
    }
}
