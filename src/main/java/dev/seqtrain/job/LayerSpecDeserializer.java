package dev.seqtrain.job;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Reads {@code {lstm: {...}}}-style layer entries; the key picks the record. */
final class LayerSpecDeserializer extends StdDeserializer<LayerSpec> {

    static final List<String> TYPES = List.of("embedding", "simple_rnn", "lstm", "gru", "bidirectional", "dense",
            "dropout", "global_average_pooling1d", "global_max_pooling1d");

    LayerSpecDeserializer() {
        super(LayerSpec.class);
    }

    @Override
    public LayerSpec deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonNode node = ctxt.readTree(p);
        if (node == null || !node.isObject() || node.size() != 1) {
            throw JsonMappingException.from(p, "a layer is a map with one key, the layer type (one of "
                    + String.join(", ", TYPES) + "), e.g. '- lstm: {units: 64}'");
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        Map.Entry<String, JsonNode> entry = fields.next();
        String type = entry.getKey();
        JsonNode args = entry.getValue();
        if (args == null || args.isNull()) args = JsonNodeFactory.instance.objectNode();
        return switch (type) {
            case "embedding" -> read(ctxt, args, EmbeddingSpec.class);
            case "simple_rnn" -> read(ctxt, args, RecurrentSpec.class).withCell(RecurrentSpec.Cell.SIMPLE_RNN);
            case "lstm" -> read(ctxt, args, RecurrentSpec.class).withCell(RecurrentSpec.Cell.LSTM);
            case "gru" -> read(ctxt, args, RecurrentSpec.class).withCell(RecurrentSpec.Cell.GRU);
            case "bidirectional" -> read(ctxt, args, BidirectionalSpec.class);
            case "dense" -> read(ctxt, args, DenseSpec.class);
            case "dropout" -> read(ctxt, args, DropoutSpec.class);
            case "global_average_pooling1d" -> emptyArgs(ctxt, args, new PoolingSpec(PoolingSpec.Kind.AVERAGE));
            case "global_max_pooling1d" -> emptyArgs(ctxt, args, new PoolingSpec(PoolingSpec.Kind.MAX));
            default -> throw JsonMappingException.from(p,
                    "unknown layer type '" + type + "'; expected one of " + String.join(", ", TYPES));
        };
    }

    private static <T> T read(DeserializationContext ctxt, JsonNode args, Class<T> type) throws IOException {
        if (!args.isObject()) {
            throw JsonMappingException.from(ctxt, "layer arguments must be a map, e.g. {units: 64}");
        }
        return ctxt.readTreeAsValue(args, type);
    }

    private static LayerSpec emptyArgs(DeserializationContext ctxt, JsonNode args, LayerSpec spec) throws IOException {
        if (args.isObject() && args.size() > 0) {
            throw JsonMappingException.from(ctxt, spec.typeName() + " takes no arguments");
        }
        return spec;
    }
}
