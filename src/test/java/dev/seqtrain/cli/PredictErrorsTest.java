package dev.seqtrain.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** predict without a usable model directory or input: one clear line, the right exit code, nothing written. */
class PredictErrorsTest {

    @Test
    void aMissingModelDirectoryIsExitCode3(@TempDir Path tmp) throws Exception {
        Path input = Files.writeString(tmp.resolve("in.tsv"), "text\nsome review\n");
        CliRunner.Result r = predict(tmp, input, "--set", "output.dir=" + tmp.resolve("no-model"));
        assertEquals(3, r.exitCode(), r.err());
        assertEquals("seqtrain: error: " + tmp.resolve("no-model") + ": no model directory here (output.dir); train a"
                + " model first (seqtrain run or seqtrain train)", r.err().strip());
        assertTrue(r.statusLine().contains("\"exit_code\":3"), r.out());
        assertFalse(Files.exists(tmp.resolve("out")), "nothing may be written");
    }

    @Test
    void aModelDirectoryWithoutSuccessIsExitCode3(@TempDir Path tmp) throws Exception {
        Path model = Files.createDirectories(tmp.resolve("model"));
        Files.writeString(model.resolve("model.zip"), "half written");
        Path input = Files.writeString(tmp.resolve("in.tsv"), "text\nsome review\n");
        CliRunner.Result r = predict(tmp, input, "--set", "output.dir=" + model);
        assertEquals(3, r.exitCode(), r.err());
        assertTrue(r.err().contains("not a complete model directory (no _SUCCESS)"), r.err());
        assertFalse(Files.exists(tmp.resolve("out")), "nothing may be written");
    }

    /** Hadoop's local filesystem fails the read on its .crc sidecar: the manifest's one line, exit 3, no trace. */
    @Test
    void aCorruptModelZipWithCrcSidecarsIsExitCode3(@TempDir Path tmp) throws Exception {
        Path model = dev.seqtrain.store.ModelDirs.write(tmp.resolve("model"));
        byte[] zip = Files.readAllBytes(model.resolve("model.zip"));
        zip[zip.length / 2] ^= 0x55;
        Files.write(model.resolve("model.zip"), zip);
        Path input = Files.writeString(tmp.resolve("in.tsv"), "text\nsome review\n");
        CliRunner.Result r = predict(tmp, input, "--set", "output.dir=" + model);
        assertEquals(3, r.exitCode(), r.err());
        assertEquals("seqtrain: error: " + model.resolve("model.zip") + ": does not match manifest.json (its Hadoop"
                + " checksum (.crc) does not match): the file is corrupt or was replaced", r.err().strip());
        assertTrue(r.statusLine().contains("\"exit_code\":3"), r.out());
        assertFalse(Files.exists(tmp.resolve("out")), "nothing may be written");
    }

    @Test
    void fileFormatsNeedAnInput(@TempDir Path tmp) {
        CliRunner.Result r = CliRunner.run("predict", "spark-jobs/demo-sentiment.yaml", "--set", "data.format=tsv",
                "--output", tmp.resolve("out").toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--input: required for data.format tsv"), r.err());
    }

    private static CliRunner.Result predict(Path tmp, Path input, String... sets) {
        // predict reads only --input: a predict job needs no data.train
        String[] head = {"predict", "spark-jobs/demo-sentiment.yaml", "--set", "data.format=tsv",
                "--input", input.toString(), "--output", tmp.resolve("out").toString()};
        String[] args = new String[head.length + sets.length];
        System.arraycopy(head, 0, args, 0, head.length);
        System.arraycopy(sets, 0, args, head.length, sets.length);
        return CliRunner.run(args);
    }
}
