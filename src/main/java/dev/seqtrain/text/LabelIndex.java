package dev.seqtrain.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seqtrain.errors.SeqtrainException;
import dev.seqtrain.job.TaskKind;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Label (or tag) strings ↔ class indices: {@code labels.json}. Indices follow natural order — numerically when every
 * label is an integer ("0" < "1" < "10"), else lexicographically — so {@code neg}=0, {@code pos}=1 and "0"/"1" keep
 * their meaning.
 */
public final class LabelIndex implements Serializable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> labels;
    private final Map<String, Integer> index;
    /** {@link #kind()} of a regression's index: targets, no classes. */
    public static final String TARGETS = "target";

    private final String kind;
    /** labels.json's {@code task_kind}; null in files written before it was stored. */
    private final String storedTaskKind;

    private LabelIndex(List<String> labels, String kind, String storedTaskKind) {
        this.labels = List.copyOf(labels);
        this.kind = kind;
        this.storedTaskKind = storedTaskKind;
        this.index = new HashMap<>();
        for (int i = 0; i < labels.size(); i++) index.put(labels.get(i), i);
    }

    /** {@code kind} is "label" for document classes, "tag" for per-token tags. */
    public static LabelIndex of(Collection<String> distinct, String kind) {
        List<String> sorted = new ArrayList<>(distinct);
        boolean numeric = !sorted.isEmpty() && sorted.stream().allMatch(s -> s.matches("-?\\d{1,18}"));
        sorted.sort(numeric ? Comparator.comparingLong(Long::parseLong) : Comparator.naturalOrder());
        return new LabelIndex(sorted, kind, null);
    }

    public int size() {
        return labels.size();
    }

    /** The index of a label, or -1 when the label is unknown. */
    public int indexOf(String label) {
        Integer i = index.get(label);
        return i == null ? -1 : i;
    }

    public String label(int i) {
        return labels.get(i);
    }

    public List<String> labels() {
        return labels;
    }

    public String kind() {
        return kind;
    }

    /** True for a regression's index: one real target per sequence instead of classes. */
    public boolean regressionTargets() {
        return TARGETS.equals(kind);
    }

    /** The {@code task_kind} labels.json was written with; null when it predates the field. */
    public String storedTaskKind() {
        return storedTaskKind;
    }

    public String toJson() {
        return toJson(null);
    }

    /** labels.json, with {@code task} as its {@code task_kind} unless null. */
    public String toJson(TaskKind task) {
        ObjectNode root = JSON.createObjectNode();
        if (task != null) root.put(TaskKind.FIELD, task.toString());
        root.put("kind", kind);
        ArrayNode arr = root.putArray("labels");
        labels.forEach(arr::add);
        ObjectNode idx = root.putObject("index");
        for (int i = 0; i < labels.size(); i++) idx.put(labels.get(i), i);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static LabelIndex fromJson(String json, String source) {
        try {
            JsonNode root = JSON.readTree(json);
            JsonNode arr = root.get("labels");
            if (arr == null || !arr.isArray()) throw new IllegalArgumentException("no 'labels' list");
            List<String> labels = new ArrayList<>();
            arr.forEach(n -> labels.add(n.asText()));
            JsonNode kind = root.get("kind");
            JsonNode task = root.get(TaskKind.FIELD);
            return new LabelIndex(labels, kind == null ? "label" : kind.asText(), task == null ? null : task.asText());
        } catch (Exception e) {
            throw SeqtrainException.input(source + ": not a valid labels.json: " + e.getMessage());
        }
    }
}
