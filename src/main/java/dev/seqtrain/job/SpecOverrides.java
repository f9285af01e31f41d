package dev.seqtrain.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seqtrain.errors.SpecException;

import java.util.ArrayList;
import java.util.List;

/**
 * Applies {@code --set key.path=value} to the YAML tree before it is bound, so an override is checked exactly like
 * the file. Paths use dots and {@code [i]}: {@code model.layers[1].units=32}; inside a layer entry the type key may
 * be left out. Values are YAML scalars or flow collections ({@code [a, b]}, {@code {units: 3}}).
 */
final class SpecOverrides {
    private final ObjectMapper yaml;

    SpecOverrides(ObjectMapper yaml) {
        this.yaml = yaml;
    }

    void apply(ObjectNode root, String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new SpecException("--set " + assignment + ": expected key.path=value");
        }
        String path = assignment.substring(0, eq).trim();
        String raw = assignment.substring(eq + 1);
        StrictYaml.violation(raw).ifPresent(v -> {
            throw new SpecException("--set " + path + ": " + v.reason());
        });
        JsonNode value;
        try {
            value = raw.isEmpty() ? JsonNodeFactory.instance.nullNode() : yaml.readTree(raw);
            if (value == null || value.isMissingNode()) value = JsonNodeFactory.instance.nullNode();
        } catch (Exception e) {
            throw new SpecException("--set " + path + ": cannot read value '" + raw + "' as YAML");
        }
        List<Object> segments = parse(path, assignment);
        JsonNode node = root;
        for (int i = 0; i < segments.size() - 1; i++) {
            node = descendIntoLayer(node, segments.get(i));
            node = child(node, segments.get(i), segments.get(i + 1), path);
        }
        Object last = segments.get(segments.size() - 1);
        node = descendIntoLayer(node, last);
        if (last instanceof String key) {
            if (!node.isObject()) throw new SpecException("--set " + path + ": '" + key + "' is not inside a map");
            ((ObjectNode) node).set(key, value);
        } else {
            int index = (Integer) last;
            if (!node.isArray() || index >= node.size()) {
                throw new SpecException("--set " + path + ": index [" + index + "] is out of range");
            }
            ((ArrayNode) node).set(index, value);
        }
    }

    /** A layer entry {@code {lstm: {...}}} is entered through its single type key unless the path names it. */
    private static JsonNode descendIntoLayer(JsonNode node, Object next) {
        if (node.isObject() && node.size() == 1) {
            String type = node.fieldNames().next();
            if (LayerSpecDeserializer.TYPES.contains(type) && !type.equals(next)) {
                JsonNode inner = node.get(type);
                if (inner == null || inner.isNull()) {
                    inner = JsonNodeFactory.instance.objectNode();
                    ((ObjectNode) node).set(type, inner);
                }
                return inner;
            }
        }
        return node;
    }

    private static JsonNode child(JsonNode node, Object segment, Object next, String path) {
        if (segment instanceof String key) {
            if (!node.isObject()) throw new SpecException("--set " + path + ": '" + key + "' is not inside a map");
            JsonNode c = node.get(key);
            if (c == null || c.isNull()) {
                c = next instanceof Integer ? JsonNodeFactory.instance.arrayNode() : JsonNodeFactory.instance.objectNode();
                ((ObjectNode) node).set(key, c);
            }
            return c;
        }
        int index = (Integer) segment;
        if (!node.isArray() || index >= node.size()) {
            throw new SpecException("--set " + path + ": index [" + index + "] is out of range");
        }
        return node.get(index);
    }

    private static List<Object> parse(String path, String assignment) {
        List<Object> out = new ArrayList<>();
        for (String part : path.split("\\.")) {
            String p = part;
            int b = p.indexOf('[');
            String key = b < 0 ? p : p.substring(0, b);
            if (!key.isEmpty()) out.add(key);
            while (b >= 0) {
                int close = p.indexOf(']', b);
                if (close < 0) throw new SpecException("--set " + assignment + ": unclosed '['");
                try {
                    out.add(Integer.parseInt(p.substring(b + 1, close)));
                } catch (NumberFormatException e) {
                    throw new SpecException("--set " + assignment + ": index must be a number");
                }
                b = p.indexOf('[', close);
            }
        }
        if (out.isEmpty()) throw new SpecException("--set " + assignment + ": empty key path");
        return out;
    }
}
