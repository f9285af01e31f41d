package dev.seqtrain.model.rnn;

import java.io.IOException;
import java.io.InputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** One golden file written by src/test/python/rnn_golden.py (PyTorch), read into ND4J arrays of a chosen type. */
final class GoldenCase {

    private final JsonNode json;
    private final DataType type;

    private GoldenCase(JsonNode json, DataType type) {
        this.json = json;
        this.type = type;
    }

    static GoldenCase load(String name, DataType type) throws IOException {
        try (InputStream in = GoldenCase.class.getResourceAsStream("/golden/rnn/" + name + ".json")) {
            if (in == null) {
                throw new IOException("no golden file " + name);
            }
            return new GoldenCase(new ObjectMapper().readTree(in), type);
        }
    }

    RnnSpec spec() {
        CellType cell = CellType.valueOf(json.get("cell").asText());
        int inputSize = json.get("kernel").size();
        int units = json.get("recurrentKernel").size();
        return RnnSpec.keras(cell, inputSize, units)
                .withActivation(Nonlinearity.valueOf(json.get("activation").asText()))
                .withUseBias(json.get("useBias").asBoolean())
                .withGoBackwards(json.get("goBackwards").asBoolean());
    }

    boolean has(String key) {
        return json.hasNonNull(key);
    }

    /** A nested list as an array of the case's type, or null when the key is null. */
    INDArray array(String key) {
        if (!has(key)) {
            return null;
        }
        JsonNode node = json.get(key);
        java.util.List<Long> shape = new java.util.ArrayList<>();
        for (JsonNode n = node; n.isArray(); n = n.get(0)) {
            shape.add((long) n.size());
        }
        double[] flat = new double[(int) shape.stream().mapToLong(Long::longValue).reduce(1, (a, b) -> a * b)];
        fill(node, flat, new int[] {0});
        long[] dims = shape.stream().mapToLong(Long::longValue).toArray();
        return Nd4j.create(flat, dims, 'c').castTo(type);
    }

    private static void fill(JsonNode node, double[] flat, int[] pos) {
        if (node.isArray()) {
            for (JsonNode child : node) {
                fill(child, flat, pos);
            }
        } else {
            flat[pos[0]++] = node.asDouble();
        }
    }
}
