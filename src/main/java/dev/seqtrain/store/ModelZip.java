package dev.seqtrain.store;

import dev.seqtrain.errors.SeqtrainException;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * model.zip in DL4J's format (configuration.json, coefficients.bin, updaterState.bin), read without DL4J's
 * {@code ModelSerializer}: that one deserializes a {@code preprocessor.bin} entry with a plain
 * {@code ObjectInputStream}, running code of whatever class the bytes name. Here only the three entries above (and
 * DL4J's {@code noParams.marker}) are accepted, arrays are read by ND4J's binary array format and the configuration's
 * class names are checked ({@link ConfigurationClasses}) before DL4J parses it; anything else is refused.
 */
public final class ModelZip {
    static final String CONFIGURATION = "configuration.json";
    static final String COEFFICIENTS = "coefficients.bin";
    static final String UPDATER_STATE = "updaterState.bin";
    static final String NO_PARAMS = "noParams.marker";
    private static final Set<String> ENTRIES = Set.of(CONFIGURATION, COEFFICIENTS, UPDATER_STATE, NO_PARAMS);

    private ModelZip() {
    }

    /** DL4J's format, readable by DL4J's own tools; never a normalizer or a serialized Java object. */
    public static byte[] write(MultiLayerNetwork net, boolean withUpdater) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ModelSerializer.writeModel(net, bytes, withUpdater, null);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize the network", e);
        }
        return bytes.toByteArray();
    }

    /**
     * The network of a model.zip, with its optimizer state when {@code withUpdater}.
     *
     * @param where the file's name for messages
     * @throws SeqtrainException INPUT for an entry outside the allow-list, a foreign class or unreadable content
     */
    public static MultiLayerNetwork read(byte[] zip, String where, boolean withUpdater) {
        Map<String, byte[]> entries = entries(zip, where);
        String json = new String(entries.get(CONFIGURATION), StandardCharsets.UTF_8);
        ConfigurationClasses.check(json, where + "!/" + CONFIGURATION);
        try {
            MultiLayerConfiguration conf = MultiLayerConfiguration.fromJson(json);
            INDArray params = entries.containsKey(COEFFICIENTS) && entries.get(COEFFICIENTS).length > 0
                    ? array(entries.get(COEFFICIENTS)) : null;
            MultiLayerNetwork net = new MultiLayerNetwork(conf);
            net.init(params, false);
            if (withUpdater && entries.containsKey(UPDATER_STATE)) {
                net.getUpdater().setStateViewArray(net, array(entries.get(UPDATER_STATE)), false);
            }
            return net;
        } catch (RuntimeException | IOException e) {
            throw SeqtrainException.input(where + ": cannot read the model: " + oneLine(e), e);
        }
    }

    /** Checks the entries and configuration classes of a model.zip without building the network. */
    public static void inspect(byte[] zip, String where) {
        Map<String, byte[]> entries = entries(zip, where);
        ConfigurationClasses.check(new String(entries.get(CONFIGURATION), StandardCharsets.UTF_8),
                where + "!/" + CONFIGURATION);
    }

    private static Map<String, byte[]> entries(byte[] zip, String where) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (!ENTRIES.contains(e.getName())) {
                    throw SeqtrainException.input(where + ": refusing entry '" + e.getName() + "': a model.zip holds only "
                            + String.join(", ", CONFIGURATION, COEFFICIENTS, UPDATER_STATE)
                            + " (seqtrain never runs code stored in a model)");
                }
                if (entries.put(e.getName(), in.readAllBytes()) != null) {
                    throw SeqtrainException.input(where + ": entry '" + e.getName() + "' appears twice");
                }
            }
        } catch (IOException e) {
            throw SeqtrainException.input(where + ": not a readable zip: " + oneLine(e), e);
        }
        if (!entries.containsKey(CONFIGURATION)) {
            throw SeqtrainException.input(where + ": no " + CONFIGURATION + ": not a DL4J model");
        }
        boolean params = entries.containsKey(COEFFICIENTS) && entries.get(COEFFICIENTS).length > 0;
        if (!params && !entries.containsKey(NO_PARAMS)) {
            throw SeqtrainException.input(where + ": no " + COEFFICIENTS + ": not a DL4J model");
        }
        return entries;
    }

    private static INDArray array(byte[] bytes) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            return Nd4j.read(in);
        }
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
