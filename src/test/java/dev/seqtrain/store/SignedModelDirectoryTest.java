package dev.seqtrain.store;

import dev.seqtrain.job.IfExists;
import dev.seqtrain.errors.ExitCode;
import dev.seqtrain.errors.SeqtrainException;
import dev.seqtrain.errors.SpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** output.signing_key: a signed manifest loads with the key; a tampered or unsigned one is refused with it. */
class SignedModelDirectoryTest {

    private static SigningKey key(Path tmp, String secret) throws Exception {
        Path f = Files.writeString(tmp.resolve("key-" + secret.hashCode()), secret + "\n");
        return SigningKey.resolve("file:" + f, ModelDirs.FILES);
    }

    private static Path signed(Path dir, SigningKey key) {
        new ModelDirectory(ModelDirs.FILES, key).write(dir.toString(), IfExists.FAIL, ModelDirs.artifacts(ModelDirs.network()));
        return dir;
    }

    @Test
    void aSignedDirectoryLoadsWithTheKeyAndWithoutOne(@TempDir Path tmp) throws Exception {
        SigningKey key = key(tmp, "s3cret");
        Path dir = signed(tmp.resolve("model"), key);
        assertTrue(Files.readString(dir.resolve("manifest.json")).contains("\"signature\" : \"hmac-sha256:"));
        new ModelDirectory(ModelDirs.FILES, key).loadNetwork(dir.toString());
        new ModelDirectory(ModelDirs.FILES).loadNetwork(dir.toString());
    }

    /** As training writes them: signed checkpoints inside, then the final files sealed around them. */
    @Test
    void checkpointsAreSignedAndKeepTheirOwnManifests(@TempDir Path tmp) throws Exception {
        SigningKey key = key(tmp, "s3cret");
        Path dir = tmp.resolve("model");
        Checkpoints checkpoints = new Checkpoints(ModelDirs.FILES, new org.apache.hadoop.fs.Path(dir.toString(),
                Checkpoints.DIR), key);
        String checkpoint = checkpoints.write(1, ModelDirs.artifacts(ModelDirs.network()), "{\"epoch\": 1}").toString();
        ModelDirectory store = new ModelDirectory(ModelDirs.FILES, key);
        store.writeInto(new org.apache.hadoop.fs.Path(dir.toString()), ModelDirs.artifacts(ModelDirs.network()));
        store.seal(new org.apache.hadoop.fs.Path(dir.toString()));
        Files.writeString(dir.resolve("_SUCCESS"), "");

        assertEquals("{\"epoch\": 1}", store.open(checkpoint).string(Checkpoints.STATE));
        store.loadNetwork(dir.toString());
        assertTrue(!Files.readString(dir.resolve("manifest.json")).contains("checkpoints/"));
        Files.writeString(dir.resolve("checkpoints/epoch-0001/extra.txt"), "x");
        assertTrue(refusal(Path.of(checkpoint.replaceFirst("^file:", "")), key).contains("extra.txt: not listed"));
    }

    @Test
    void aTamperedDirectoryIsRefusedEvenWithItsChecksumsRecomputed(@TempDir Path tmp) throws Exception {
        SigningKey key = key(tmp, "s3cret");
        Path dir = signed(tmp.resolve("model"), key);
        String signature = Files.readString(dir.resolve("manifest.json")).replaceAll("(?s).*(\"signature\"[^\\n]*).*", "$1");
        ModelDirs.replace(dir.resolve("labels.json"), "{\"labels\": \"changed\"}".getBytes(StandardCharsets.UTF_8));
        ModelDirs.recomputeManifest(dir);
        // the forger keeps the old signature: it no longer covers the manifest
        String forged = Files.readString(dir.resolve("manifest.json")).replaceFirst("\\{", "{\n  " + signature + ",");
        Files.writeString(dir.resolve("manifest.json"), forged);
        new ModelDirectory(ModelDirs.FILES).loadNetwork(dir.toString());
        assertEquals(dir.resolve("manifest.json") + ": the signature does not match output.signing_key: the directory"
                + " was changed after it was signed, or signed with another key", refusal(dir, key));
        assertTrue(refusal(dir, key(tmp, "another")).contains("signature does not match"));
    }

    @Test
    void anUnsignedDirectoryIsRefusedWithAKey(@TempDir Path tmp) throws Exception {
        Path dir = ModelDirs.write(tmp.resolve("model"));
        assertTrue(refusal(dir, key(tmp, "s3cret")).startsWith(dir.resolve("manifest.json")
                + ": not signed, and output.signing_key is set: refusing an unsigned model directory"));
    }

    @Test
    void aKeyFromTheEnvironmentAndBadReferences(@TempDir Path tmp) {
        String path = System.getenv("PATH");
        SigningKey fromEnv = SigningKey.resolve("env:PATH", ModelDirs.FILES);
        assertTrue(fromEnv.verifies("x".getBytes(StandardCharsets.UTF_8), fromEnv.sign("x".getBytes(StandardCharsets.UTF_8))));
        assertTrue(path != null && !path.isBlank());
        assertEquals("output.signing_key: the environment variable SEQTRAIN_NO_SUCH_KEY is not set or empty",
                assertThrows(SpecException.class, () -> SigningKey.resolve("env:SEQTRAIN_NO_SUCH_KEY", ModelDirs.FILES))
                        .getMessage());
        assertEquals(ExitCode.USAGE, assertThrows(SpecException.class,
                () -> SigningKey.resolve("s3cret", ModelDirs.FILES)).exitCode());
        assertTrue(assertThrows(SpecException.class, () -> SigningKey.resolve("file:" + tmp.resolve("none"),
                ModelDirs.FILES)).getMessage().startsWith("output.signing_key: cannot read the key file file:"));
    }

    private static String refusal(Path dir, SigningKey key) {
        SeqtrainException e = assertThrows(SeqtrainException.class,
                () -> new ModelDirectory(ModelDirs.FILES, key).loadNetwork(dir.toString()));
        assertEquals(ExitCode.INPUT, e.exitCode());
        return e.getMessage();
    }
}
