package dev.seqtrain.job;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.lang.reflect.RecordComponent;
import java.util.List;

/**
 * The spec records back to the YAML tree they were read from (layers as {@code {lstm: {...}}}), defaults filled in:
 * what {@code job.yaml} in the model directory records.
 */
final class SpecTree {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private SpecTree() {
    }

    static JsonNode of(Object value) {
        if (value == null) return F.nullNode();
        if (value instanceof LayerSpec layer) {
            ObjectNode wrapper = F.objectNode();
            wrapper.set(layer.typeName(), layer instanceof PoolingSpec ? F.objectNode() : record(layer));
            return wrapper;
        }
        if (value instanceof Record r) return record(r);
        if (value instanceof List<?> list) {
            ArrayNode a = F.arrayNode();
            list.forEach(v -> a.add(of(v)));
            return a;
        }
        if (value instanceof String s) return F.textNode(s);
        if (value instanceof Integer i) return F.numberNode(i);
        if (value instanceof Long l) return F.numberNode(l);
        if (value instanceof Double d) return F.numberNode(d);
        if (value instanceof Boolean b) return F.booleanNode(b);
        return F.textNode(value.toString());
    }

    private static ObjectNode record(Object r) {
        ObjectNode node = F.objectNode();
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            if (c.getAccessor().isAnnotationPresent(JsonIgnore.class)) continue;
            // @JsonProperty targets fields/methods/parameters, so it is found on the accessor, not the component
            JsonProperty p = c.getAccessor().getAnnotation(JsonProperty.class);
            String name = p != null ? p.value() : c.getName();
            try {
                Object v = c.getAccessor().invoke(r);
                if (v != null) node.set(name, of(v));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return node;
    }
}
