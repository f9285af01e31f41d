package dev.seqtrain.store;

import dev.seqtrain.errors.ExitCode;
import dev.seqtrain.errors.SeqtrainException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** manifest.json covers every file of a model directory and is required: anything else is one clear refusal. */
class ManifestTest {

    @Test
    void everyFileIsListedAndTheDirectoryLoads(@TempDir Path tmp) throws Exception {
        Path dir = ModelDirs.write(tmp.resolve("model"));
        String manifest = Files.readString(dir.resolve("manifest.json"));
        for (String f : new String[]{"model.zip", "tokenizer.json", "labels.json", "job.yaml", "history.json",
                "metrics.json", "summary.txt"}) {
            assertTrue(manifest.contains("\"" + f + "\" : \"" + ModelDirs.sha256(Files.readAllBytes(dir.resolve(f)))),
                    f + " in " + manifest);
        }
        new ModelDirectory(ModelDirs.FILES).loadNetwork(dir.toString());
    }

    @Test
    void aDirectoryWithoutManifestIsRefusedWithTheWayToRecreateIt(@TempDir Path tmp) throws Exception {
        Path dir = ModelDirs.write(tmp.resolve("model"));
        Files.delete(dir.resolve("manifest.json"));
        assertEquals(dir + ": no manifest.json, so its files cannot be checked (a model directory of an older seqtrain,"
                + " or not written by seqtrain); if you trust it, re-create the manifest with: seqtrain manifest --dir "
                + dir, refusal(dir));
    }

    @Test
    void anUnlistedFileIsRefused(@TempDir Path tmp) throws Exception {
        Path dir = ModelDirs.write(tmp.resolve("model"));
        Files.writeString(dir.resolve("notes.txt"), "added later");
        assertTrue(refusal(dir).startsWith(dir.resolve("notes.txt") + ": not listed in manifest.json"), refusal(dir));
    }

    @Test
    void aMissingListedFileIsRefused(@TempDir Path tmp) throws Exception {
        Path dir = ModelDirs.write(tmp.resolve("model"));
        Files.delete(dir.resolve("labels.json"));
        assertEquals(dir.resolve("labels.json") + ": listed in manifest.json but missing", refusal(dir));
    }

    @Test
    void aChangedFileIsRefused(@TempDir Path tmp) throws Exception {
        Path dir = ModelDirs.write(tmp.resolve("model"));
        ModelDirs.replace(dir.resolve("labels.json"), "{\"labels\": false}".getBytes(StandardCharsets.UTF_8));
        assertEquals(dir.resolve("labels.json") + ": does not match manifest.json (sha256 differs): the file is corrupt"
                + " or was replaced", refusal(dir));
    }

    /** Hadoop's local filesystem checks its .crc sidecar on read: a ChecksumException, reported as corruption. */
    @Test
    void aCorruptModelZipWithCrcSidecarIsTheManifestMessage(@TempDir Path tmp) throws Exception {
        Path dir = ModelDirs.write(tmp.resolve("model"));
        assertTrue(Files.exists(dir.resolve(".model.zip.crc")), "Hadoop wrote a checksum sidecar");
        byte[] zip = Files.readAllBytes(dir.resolve("model.zip"));
        zip[zip.length / 2] ^= 0x55;
        Files.write(dir.resolve("model.zip"), zip);
        assertEquals(dir.resolve("model.zip") + ": does not match manifest.json (its Hadoop checksum (.crc) does not"
                + " match): the file is corrupt or was replaced", refusal(dir));
    }

    @Test
    void theManifestCommandRecreatesItForADirectoryTheUserTrusts(@TempDir Path tmp) throws Exception {
        Path dir = ModelDirs.write(tmp.resolve("model"));
        String written = Files.readString(dir.resolve("manifest.json"));
        Files.delete(dir.resolve("manifest.json"));
        Files.deleteIfExists(dir.resolve(".manifest.json.crc"));
        assertEquals(0, cli("manifest", "--dir", dir.toString()));
        assertEquals(written, Files.readString(dir.resolve("manifest.json")));
        new ModelDirectory(ModelDirs.FILES).loadNetwork(dir.toString());
    }

    @Test
    void theManifestCommandDoesNotBlessACraftedModelZip(@TempDir Path tmp) throws Exception {
        Path dir = ModelDirs.write(tmp.resolve("model"));
        ModelDirs.replace(dir.resolve("model.zip"), SafeModelLoadTest.withEntry(Files.readAllBytes(dir.resolve("model.zip")),
                "preprocessor.bin", new byte[]{1, 2, 3}));
        String before = Files.readString(dir.resolve("manifest.json"));
        assertEquals(ExitCode.INPUT.code(), cli("manifest", "--dir", dir.toString()));
        assertEquals(before, Files.readString(dir.resolve("manifest.json")), "the manifest is left as it was");
    }

    private static int cli(String... args) {
        return dev.seqtrain.cli.CliRunner.run(args).exitCode();
    }

    private static String refusal(Path dir) {
        SeqtrainException e = assertThrows(SeqtrainException.class,
                () -> new ModelDirectory(ModelDirs.FILES).loadNetwork(dir.toString()));
        assertEquals(ExitCode.INPUT, e.exitCode());
        return e.getMessage();
    }
}
