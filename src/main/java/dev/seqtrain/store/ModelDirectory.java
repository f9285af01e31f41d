package dev.seqtrain.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seqtrain.errors.SeqtrainException;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The model directory of DESIGN.md on any Hadoop FileSystem: written whole into a temporary sibling and renamed into
 * place ({@link AtomicDirectory}); {@code manifest.json} records the sha256 of {@code model.zip}, checked on load.
 */
public final class ModelDirectory {
    public static final String MODEL = "model.zip";
    public static final String TOKENIZER = "tokenizer.json";
    public static final String LABELS = "labels.json";
    public static final String JOB = "job.yaml";
    public static final String HISTORY = "history.json";
    public static final String METRICS = "metrics.json";
    public static final String SUMMARY = "summary.txt";
    public static final String MANIFEST = "manifest.json";
    public static final String CURVES = "curves.png";
    /** DL4J's Spark training statistics, with {@code training.collect_stats: true}. */
    public static final String SPARK_STATS = "spark-stats.html";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HadoopFiles files;

    public ModelDirectory(HadoopFiles files) {
        this.files = files;
    }

    /** Writes a complete model directory at {@code dir} (honouring {@code if_exists}) and returns its path. */
    public void write(String dir, String ifExists, ModelArtifacts a) {
        AtomicDirectory out = AtomicDirectory.begin(files, dir, ifExists);
        try {
            writeInto(out.path(), a);
            out.commit();
        } catch (RuntimeException e) {
            out.abort();
            throw e;
        }
    }

    /** The files of a model directory (no {@code _SUCCESS}): also used for checkpoints. */
    public void writeInto(Path dir, ModelArtifacts a) {
        byte[] model = serialize(a.network());
        files.writeBytes(new Path(dir, MODEL), model);
        if (a.tokenizerJson() != null) files.writeString(new Path(dir, TOKENIZER), a.tokenizerJson());
        files.writeString(new Path(dir, LABELS), a.labelsJson());
        files.writeString(new Path(dir, JOB), a.jobYaml());
        files.writeString(new Path(dir, HISTORY), a.historyJson());
        files.writeString(new Path(dir, METRICS), a.metricsJson());
        files.writeString(new Path(dir, SUMMARY), a.summary());
        ObjectNode manifest = JSON.createObjectNode();
        manifest.putObject("sha256").put(MODEL, sha256(model));
        files.writeString(new Path(dir, MANIFEST), manifest.toPrettyString() + "\n");
    }

    /** Loads the network, refusing a directory without {@code _SUCCESS} or with a model.zip that fails its checksum. */
    public MultiLayerNetwork loadNetwork(String dir) {
        requireComplete(dir);
        byte[] model = files.readBytes(new Path(dir, MODEL));
        verify(dir, model);
        try {
            return ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(model), true);
        } catch (IOException e) {
            throw SeqtrainException.input(dir + "/" + MODEL + ": cannot read the model: " + e.getMessage(), e);
        }
    }

    public String readString(String dir, String name) {
        requireComplete(dir);
        return files.readString(new Path(dir, name));
    }

    /** A file a model directory may lack (tokenizer.json of a numeric model); empty when absent. */
    public Optional<String> readOptional(String dir, String name) {
        requireComplete(dir);
        Path p = new Path(dir, name);
        return files.exists(p) ? Optional.of(files.readString(p)) : Optional.empty();
    }

    public void requireComplete(String dir) {
        if (!AtomicDirectory.isComplete(files, dir)) {
            throw SeqtrainException.input(dir + ": not a complete model directory (no " + AtomicDirectory.SUCCESS
                    + "); was training interrupted?");
        }
    }

    private void verify(String dir, byte[] model) {
        Path m = new Path(dir, MANIFEST);
        if (!files.exists(m)) return;
        try {
            JsonNode expected = JSON.readTree(files.readString(m)).path("sha256").path(MODEL);
            if (!expected.isMissingNode() && !expected.asText().equals(sha256(model))) {
                throw SeqtrainException.input(dir + "/" + MODEL + ": sha256 does not match " + MANIFEST
                        + ": the file is corrupt or was replaced");
            }
        } catch (IOException e) {
            throw SeqtrainException.input(dir + "/" + MANIFEST + ": unreadable: " + e.getMessage(), e);
        }
    }

    public static byte[] serialize(MultiLayerNetwork net) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ModelSerializer.writeModel(net, bytes, true);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize the network", e);
        }
        return bytes.toByteArray();
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
