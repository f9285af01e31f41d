package dev.seqtrain.store;

import dev.seqtrain.job.IfExists;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** Small model directories on the local Hadoop filesystem, and what someone who can write them can do. */
public final class ModelDirs {
    static final HadoopFiles FILES = new HadoopFiles(new Configuration());

    private ModelDirs() {
    }

    /** A small trained network (Adam, so it has optimizer state). */
    static MultiLayerNetwork network() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).updater(new Adam(0.05)).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(5).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(5).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork n = new MultiLayerNetwork(conf);
        n.init();
        n.fit(new DataSet(Nd4j.rand(16, 4), Nd4j.eye(2).repeat(0, 8)));
        return n;
    }

    static ModelArtifacts artifacts(MultiLayerNetwork net) {
        return new ModelArtifacts(net, "{\"tokenizer\": true}", "{\"labels\": true}", "name: x\n", "[]", "{}", "summary\n");
    }

    /** A complete model directory at {@code dir}, written by seqtrain through Hadoop's local filesystem (.crc files). */
    public static Path write(Path dir) {
        new ModelDirectory(FILES).write(dir.toString(), IfExists.FAIL, artifacts(network()));
        return dir;
    }

    /** What anyone who can write the directory can do: an unkeyed manifest.json of the files as they are now. */
    static void recomputeManifest(Path dir) throws IOException {
        ObjectNode root = new ObjectMapper().createObjectNode();
        ObjectNode sums = root.putObject("sha256");
        try (Stream<Path> all = Files.walk(dir)) {
            List<Path> files = all.filter(Files::isRegularFile).sorted().toList();
            for (Path f : files) {
                String name = dir.relativize(f).toString();
                if (name.equals("manifest.json") || name.equals("_SUCCESS") || name.endsWith(".crc")) continue;
                sums.put(name, sha256(Files.readAllBytes(f)));
            }
        }
        Files.deleteIfExists(dir.resolve(".manifest.json.crc"));
        Files.writeString(dir.resolve("manifest.json"), root.toPrettyString());
    }

    /** Replaces a file's content, dropping Hadoop's .crc sidecar as any tool but Hadoop would leave it stale. */
    static void replace(Path file, byte[] content) throws IOException {
        Files.deleteIfExists(file.resolveSibling("." + file.getFileName() + ".crc"));
        Files.write(file, content);
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
