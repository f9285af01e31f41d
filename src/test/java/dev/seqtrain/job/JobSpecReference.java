package dev.seqtrain.job;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * docs/job-spec.md, built from the spec records themselves: every {@code @JsonProperty} key with its type and the
 * default the record's constructor fills in, and a one-line meaning from {@code job-spec-descriptions.properties}.
 * Keys come from the classes, so a key added to a record without a description fails {@link JobSpecReferenceTest}.
 */
final class JobSpecReference {

    static final String DESCRIPTIONS = "job-spec-descriptions.properties";

    /** One key of the spec. */
    record Row(String path, String type, String defaultValue) {
    }

    private final Properties descriptions = new Properties();
    private final Set<String> used = new LinkedHashSet<>();
    private final List<String> missing = new ArrayList<>();

    JobSpecReference() throws IOException {
        try (InputStream in = JobSpecReference.class.getResourceAsStream(DESCRIPTIONS)) {
            if (in == null) throw new IOException(DESCRIPTIONS + " is not on the test classpath");
            descriptions.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
    }

    /** Keys without a description, after {@link #markdown()}. */
    List<String> missingDescriptions() {
        return missing;
    }

    /** Descriptions of keys the records do not have, after {@link #markdown()}. */
    List<String> unknownDescriptions() {
        return descriptions.stringPropertyNames().stream().filter(k -> !used.contains(k)).sorted().toList();
    }

    String markdown() throws Exception {
        StringBuilder md = new StringBuilder();
        md.append("# Job spec reference\n\n")
                .append("Every key of a job spec, its type, its default and what it means. Generated from the spec records in ")
                .append("`src/main/java/dev/seqtrain/job/` by `JobSpecReferenceTest` (meanings: ")
                .append("`src/test/resources/dev/seqtrain/job/").append(DESCRIPTIONS).append("`); do not edit by hand. ")
                .append("After changing a record, rewrite it with\n")
                .append("`mvn test -Dtest=JobSpecReferenceTest -Dseqtrain.writeDocs=true`.\n\n")
                .append("A default of — means the key is unset unless given; \"required\" in the meaning says when it must be. ")
                .append("An unknown key, a wrong type or a bad value is exit code 2 with one line naming the file and the key ")
                .append("path; any key can be overridden on the command line with `--set key.path=value`. ")
                .append("Layout and the behaviours behind the keys: [the CLI](cli.md), [operations](operations.md), ")
                .append("[the model directory](model-directory.md).\n");
        table(md, "Top level", List.of(row(JobSpec.class.getRecordComponents()[0], "", withNulls(JobSpec.class))));
        for (RecordComponent section : JobSpec.class.getRecordComponents()) {
            if (!isRecord(section.getGenericType())) continue;
            List<Row> rows = new ArrayList<>();
            rows(section.getType(), key(section), rows);
            table(md, "`" + key(section) + "`", rows);
        }
        md.append("\n## Layers (`model.layers`)\n\n")
                .append("Each entry of `model.layers` is a map with one key, the layer type, holding its arguments, bottom to ")
                .append("top: `- lstm: {units: 64, return_sequences: true}`.\n");
        for (Map.Entry<Class<?>, List<String>> layer : layerTypes().entrySet()) {
            String prefix = "model.layers[]." + layer.getValue().get(0);
            List<Row> rows = new ArrayList<>();
            rows(layer.getKey(), prefix, rows);
            String title = String.join(", ", layer.getValue().stream().map(t -> "`" + t + "`").toList());
            if (rows.isEmpty()) {
                md.append("\n### ").append(title).append("\n\n").append(describe(prefix)).append(" No arguments.\n");
            } else {
                md.append("\n### ").append(title).append("\n\n").append(describe(prefix)).append('\n');
                table(md, null, rows);
            }
        }
        return md.toString();
    }

    /** Layer record -> the YAML keys that build it, asked of the real deserializer. */
    static Map<Class<?>, List<String>> layerTypes() throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<Class<?>, List<String>> types = new LinkedHashMap<>();
        for (String type : LayerSpecDeserializer.TYPES) {
            LayerSpec spec = json.readValue("{\"" + type + "\": {}}", LayerSpec.class);
            types.computeIfAbsent(spec.getClass(), c -> new ArrayList<>()).add(type);
        }
        return types;
    }

    private void table(StringBuilder md, String title, List<Row> rows) {
        if (title != null) md.append("\n## ").append(title).append("\n\n");
        else md.append('\n');
        md.append("| key | type | default | meaning |\n|---|---|---|---|\n");
        for (Row r : rows) {
            md.append("| `").append(r.path()).append("` | ").append(r.type()).append(" | ").append(r.defaultValue())
                    .append(" | ").append(describe(r.path())).append(" |\n");
        }
    }

    private String describe(String path) {
        used.add(path);
        String d = descriptions.getProperty(path);
        if (d == null) {
            missing.add(path);
            return "";
        }
        return d.strip().replace("|", "\\|");
    }

    /** The keys of one record, nested records flattened after their own row. */
    private void rows(Class<?> record, String prefix, List<Row> out) throws Exception {
        Object defaults = withNulls(record);
        for (RecordComponent c : record.getRecordComponents()) {
            if (c.getAccessor().getAnnotation(JsonProperty.class) == null) continue;
            Row r = row(c, prefix, defaults);
            out.add(r);
            // text.source / text.target hold the keys of text itself: listed once, at text
            if (isRecord(c.getGenericType()) && c.getType() != record) rows(c.getType(), r.path(), out);
        }
    }

    private static Row row(RecordComponent c, String prefix, Object defaults) {
        String path = prefix.isEmpty() ? key(c) : prefix + "." + key(c);
        Object value = null;
        if (defaults != null) {
            try {
                value = c.getAccessor().invoke(defaults);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(path, e);
            }
        }
        String dflt = isRecord(c.getGenericType()) ? "" : value == null ? "—" : literal(value);
        return new Row(path, type(c), dflt);
    }

    /** What the record's constructor fills in when the YAML gives nothing. */
    private static Object withNulls(Class<?> record) throws ReflectiveOperationException {
        Class<?>[] types = java.util.Arrays.stream(record.getRecordComponents()).map(RecordComponent::getType)
                .toArray(Class<?>[]::new);
        Constructor<?> canonical = record.getDeclaredConstructor(types);
        if (java.util.Arrays.stream(types).anyMatch(Class::isPrimitive)) return null;
        return canonical.newInstance(new Object[types.length]);
    }

    private static String key(RecordComponent c) {
        return c.getAccessor().getAnnotation(JsonProperty.class).value();
    }

    private static boolean isRecord(Type t) {
        return t instanceof Class<?> c && c.isRecord();
    }

    private static String type(RecordComponent c) {
        Type t = c.getGenericType();
        JsonFormat format = c.getAccessor().getAnnotation(JsonFormat.class);
        boolean single = format != null && List.of(format.with()).contains(JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
        if (t instanceof ParameterizedType p && p.getRawType() == List.class) {
            String of = plural(p.getActualTypeArguments()[0]);
            return single ? singular(p.getActualTypeArguments()[0]) + " or list of " + of : "list of " + of;
        }
        return singular(t);
    }

    private static String singular(Type t) {
        if (t == String.class) return "string";
        if (t == Integer.class || t == Long.class) return "integer";
        if (t == Double.class) return "number";
        if (t == Boolean.class) return "boolean";
        if (t == LayerSpec.class) return "layer";
        if (t instanceof Class<?> c && c.isEnum()) {
            return String.join(" \\| ", java.util.Arrays.stream(c.getFields()).filter(java.lang.reflect.Field::isEnumConstant)
                    .map(f -> f.getAnnotation(JsonProperty.class).value()).toList());
        }
        if (isRecord(t)) return "map";
        throw new IllegalStateException("no spec type name for " + t + ": add one to JobSpecReference");
    }

    private static String plural(Type t) {
        String s = singular(t);
        return s.equals("map") ? "maps" : s + "s";
    }

    /** A default as YAML would write it, inside a code span. */
    private static String literal(Object v) {
        String s;
        if (v instanceof String str) {
            s = "\"" + str.replace("\\", "\\\\").replace("\"", "\\\"").replace("\t", "\\t").replace("\n", "\\n") + "\"";
        } else if (v instanceof Double d) {
            s = BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        } else if (v instanceof List<?> l) {
            s = "[" + String.join(", ", l.stream().map(JobSpecReference::literal)
                    .map(x -> x.replaceAll("^`+ ?| ?`+$", "")).toList()) + "]";
        } else {
            s = String.valueOf(v);
        }
        s = s.replace("|", "\\|");
        return s.contains("`") ? "`` " + s + " ``" : "`" + s + "`";
    }
}
