package dev.seqtrain.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.seqtrain.errors.SpecException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * YAML file + {@code --set} overrides → a validated {@link JobSpec}. Every problem becomes one
 * {@link SpecException} line naming the file and the key path, before Spark starts.
 */
public final class JobSpecLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // an enum key given a number (padding: 1) is an error, not the constant at that index
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);

    /** Record components set by seqtrain itself (the recurrent cell comes from the layer's key), never by users. */
    private static final List<String> INTERNAL_KEYS = List.of("cell");

    private JobSpecLoader() {
    }

    /** Loads, overrides, binds and validates; {@code source} names the spec in messages. */
    public static JobSpec load(Path file, List<String> overrides) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new SpecException(file + ": no such job spec file");
        } catch (IOException e) {
            throw new SpecException(file + ": cannot read job spec: " + e.getMessage());
        }
        return parse(file.toString(), text, overrides);
    }

    public static JobSpec parse(String source, String yamlText, List<String> overrides) {
        StrictYaml.violation(yamlText).ifPresent(v -> {
            throw new SpecException(source + " (line " + v.line() + "): " + v.reason());
        });
        ObjectNode root;
        try {
            JsonNode tree = YAML.readTree(yamlText);
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                tree = YAML.createObjectNode();
            }
            if (!tree.isObject()) {
                throw new SpecException(source + ": a job spec is a YAML map with sections data, text, model, training, output");
            }
            root = (ObjectNode) tree;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            throw new SpecException(source + where + ": not valid YAML: " + e.getOriginalMessage());
        }
        SpecOverrides applier = new SpecOverrides(YAML);
        for (String o : overrides) {
            try {
                applier.apply(root, o);
            } catch (SpecException e) {
                throw new SpecException(source + ": " + e.getMessage());
            }
        }
        JobSpec spec;
        try {
            spec = YAML.treeToValue(root, JobSpec.class);
        } catch (JsonMappingException e) {
            throw new SpecException(source + ": " + describe(e, root));
        } catch (JsonProcessingException e) {
            throw new SpecException(source + ": " + e.getOriginalMessage());
        }
        JobSpecValidator.validate(spec).ifPresent(err -> {
            throw new SpecException(source + ": " + err);
        });
        return spec;
    }

    /** The resolved spec as YAML, defaults filled in: written as {@code job.yaml} for provenance. */
    public static String toYaml(JobSpec spec) {
        try {
            return YAML.writerWithDefaultPrettyPrinter().writeValueAsString(SpecTree.of(spec));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write job spec", e);
        }
    }

    /** The resolved spec as a JSON tree, defaults filled in: what provenance.json records. */
    public static JsonNode toTree(JobSpec spec) {
        return SpecTree.of(spec);
    }

    static ObjectMapper yaml() {
        return YAML;
    }

    private static String describe(JsonMappingException e, JsonNode root) {
        String path = path(e.getPath());
        JsonNode given = valueAt(root, e.getPath());
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream()
                    .map(Object::toString).filter(k -> !INTERNAL_KEYS.contains(k)).sorted()
                    .collect(Collectors.joining(", "));
            return path + ": unknown key" + (known.isEmpty() ? "" : "; allowed: " + known);
        }
        if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
            // the validator's wording for an enumerated value, as before the values were enums
            return path + ": must be " + typeName(f.getTargetType()) + ", got '" + f.getValue() + "'";
        }
        if (e instanceof InvalidFormatException f) {
            return path + ": expected " + typeName(f.getTargetType()) + ", got '" + f.getValue() + "'";
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null
                && !m.getOriginalMessage().contains("layer")) {
            return path + ": expected " + typeName(m.getTargetType())
                    + (given != null && given.isValueNode() ? ", got '" + given.asText() + "'" : "");
        }
        String msg = e.getOriginalMessage();
        int nl = msg.indexOf('\n');
        return (path.isEmpty() ? "" : path + ": ") + (nl > 0 ? msg.substring(0, nl) : msg);
    }

    @SuppressWarnings("unchecked")
    private static String typeName(Class<?> c) {
        if (c == null) return "a value";
        if (c == Integer.class || c == int.class || c == Long.class || c == long.class) return "an integer";
        if (c == Double.class || c == double.class) return "a number";
        if (c == Boolean.class || c == boolean.class) return "true or false";
        if (c == String.class) return "a string";
        if (List.class.isAssignableFrom(c)) return "a list";
        if (c.isEnum()) return "one of " + String.join(", ", SpecValues.spellings((Class<? extends Enum<?>>) c));
        return "a map";
    }

    /** The node a Jackson path points at, entering layer entries through their type key as the paths skip it. */
    private static JsonNode valueAt(JsonNode root, List<JsonMappingException.Reference> refs) {
        JsonNode n = root;
        for (JsonMappingException.Reference r : refs) {
            if (n == null) return null;
            if (r.getFieldName() != null) {
                if (n.isObject() && !n.has(r.getFieldName()) && n.size() == 1) n = n.elements().next();
                n = n.get(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                n = n.get(r.getIndex());
            }
        }
        return n;
    }

    static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) sb.append('.');
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
