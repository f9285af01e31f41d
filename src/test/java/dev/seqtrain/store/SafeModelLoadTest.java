package dev.seqtrain.store;

import dev.seqtrain.errors.ExitCode;
import dev.seqtrain.errors.SeqtrainException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Loading a model directory runs no code the directory names: a crafted model.zip (with a manifest recomputed, as
 * anyone who can write the directory can) is refused before any of its classes is touched.
 */
class SafeModelLoadTest {

    @Test
    void aSerializedObjectInModelZipIsRefusedAndNeverRuns(@TempDir Path tmp) throws Exception {
        Path dir = ModelDirs.write(tmp.resolve("model"));
        byte[] payload = serialized(new Tripwire());
        Tripwire.ran = false;
        ModelDirs.replace(dir.resolve("model.zip"), withEntry(Files.readAllBytes(dir.resolve("model.zip")),
                "preprocessor.bin", payload));
        ModelDirs.recomputeManifest(dir);

        Throwable e = failure(dir);
        assertFalse(Tripwire.ran, "the serialized object was deserialized: its readObject ran");
        assertInstanceOf(SeqtrainException.class, e, String.valueOf(e));
        assertEquals(ExitCode.INPUT, ((SeqtrainException) e).exitCode());
        assertEquals(dir.resolve("model.zip") + ": refusing entry 'preprocessor.bin': a model.zip holds only "
                + "configuration.json, coefficients.bin, updaterState.bin (seqtrain never runs code stored in a model)",
                stripScheme(e.getMessage()));
    }

    @Test
    void aConfigurationNamingAForeignClassIsRefusedBeforeDl4jReadsIt(@TempDir Path tmp) throws Exception {
        Path dir = ModelDirs.write(tmp.resolve("model"));
        byte[] zip = Files.readAllBytes(dir.resolve("model.zip"));
        String json = new String(entry(zip, "configuration.json"), StandardCharsets.UTF_8);
        String tanh = "org.nd4j.linalg.activations.impl.ActivationTanH";
        assertTrue(json.contains(tanh), json);
        TripwireActivation.constructed = false;
        ModelDirs.replace(dir.resolve("model.zip"), withEntry(without(zip, "configuration.json"), "configuration.json",
                json.replace(tanh, TripwireActivation.class.getName()).getBytes(StandardCharsets.UTF_8)));
        ModelDirs.recomputeManifest(dir);

        Throwable e = failure(dir);
        assertFalse(TripwireActivation.constructed, "DL4J instantiated the class the configuration named");
        assertInstanceOf(SeqtrainException.class, e, String.valueOf(e));
        assertEquals(ExitCode.INPUT, ((SeqtrainException) e).exitCode());
        assertTrue(e.getMessage().contains("model.zip!/configuration.json: refusing class '"
                + TripwireActivation.class.getName() + "'"), e.getMessage());
    }

    @Test
    void aDuplicateClassKeyIsRefused() {
        String json = "{\"activationFn\": {\"@class\": \"java.lang.ProcessBuilder\","
                + " \"@class\": \"org.nd4j.linalg.activations.impl.ActivationTanH\"}}";
        SeqtrainException e = org.junit.jupiter.api.Assertions.assertThrows(SeqtrainException.class,
                () -> ConfigurationClasses.check(json, "conf"));
        assertTrue(e.getMessage().startsWith("conf: "), e.getMessage());
    }

    @Test
    void theWrittenZipHasDl4jsEntriesOnlyAndReadsBackWithOptimizerState(@TempDir Path tmp) throws Exception {
        Path dir = ModelDirs.write(tmp.resolve("model"));
        byte[] zip = Files.readAllBytes(dir.resolve("model.zip"));
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                assertTrue(java.util.Set.of("configuration.json", "coefficients.bin", "updaterState.bin")
                        .contains(e.getName()), e.getName());
            }
        }
        var net = new ModelDirectory(ModelDirs.FILES).loadNetwork(dir.toString());
        assertNotNull(net.getUpdater().getStateViewArray());
        var dl4j = org.deeplearning4j.util.ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(zip), true);
        assertEquals(dl4j.params(), net.params());
        assertEquals(dl4j.getUpdater().getStateViewArray(), net.getUpdater().getStateViewArray());
        assertEquals(dl4j.getIterationCount(), net.getIterationCount());
    }

    private static Throwable failure(Path dir) {
        try {
            new ModelDirectory(ModelDirs.FILES).loadNetwork(dir.toString());
        } catch (Throwable t) {
            return t;
        }
        throw new AssertionError("the crafted model directory loaded");
    }

    private static String stripScheme(String message) {
        return message.startsWith("file:") ? message.substring("file:".length()) : message;
    }

    private static byte[] serialized(Object o) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(b)) {
            out.writeObject(o);
        }
        return b.toByteArray();
    }

    static byte[] entry(byte[] zip, String name) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().equals(name)) return in.readAllBytes();
            }
        }
        throw new AssertionError("no " + name);
    }

    /** The zip's entries except {@code name}. */
    static byte[] without(byte[] zip, String name) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
             ZipOutputStream out = new ZipOutputStream(b)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().equals(name)) continue;
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(in.readAllBytes());
            }
        }
        return b.toByteArray();
    }

    /** The zip with one more entry (first, so it is read before anything else). */
    static byte[] withEntry(byte[] zip, String name, byte[] content) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
             ZipOutputStream out = new ZipOutputStream(b)) {
            out.putNextEntry(new ZipEntry(name));
            out.write(content);
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(in.readAllBytes());
            }
        }
        return b.toByteArray();
    }
}
