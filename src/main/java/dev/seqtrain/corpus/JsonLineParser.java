package dev.seqtrain.corpus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;

/**
 * One JSON object per line; text, label and id are fields named by the spec's column keys. Blank lines are not
 * rows; broken JSON, a non-object, a missing or non-scalar text, a missing label are rejected with the reason.
 */
final class JsonLineParser implements LineParser {
    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private final InputFile file;
    private final String textKey;
    private final String labelKey;
    private final String idKey;
    private final boolean labelRequired;

    private JsonLineParser(InputFile file, String textKey, String labelKey, String idKey, boolean labelRequired) {
        this.file = file;
        this.textKey = textKey;
        this.labelKey = labelKey;
        this.idKey = idKey;
        this.labelRequired = labelRequired;
    }

    static LineParser.Factory factory(String textKey, String labelKey, String idKey, boolean labelRequired) {
        return (file, previousLineBlank) -> new JsonLineParser(file, textKey, labelKey, idKey, labelRequired);
    }

    @Override
    public void line(long lineIndex, String line, List<Parsed> out) {
        if (Lines.isBlank(line)) return;
        String location = Lines.location(file.path(), lineIndex);
        JsonNode node = object(json, location, line, out);
        if (node == null) return;
        JsonNode text = node.get(textKey);
        if (text == null || text.isNull()) {
            out.add(Parsed.rejected(location, "missing field '" + textKey + "'", line));
            return;
        }
        if (text.isContainerNode()) {
            out.add(Parsed.rejected(location, "field '" + textKey + "' is not a string", line));
            return;
        }
        JsonNode label = node.get(labelKey);
        if (label != null && label.isContainerNode()) {
            out.add(Parsed.rejected(location, "field '" + labelKey + "' is not a scalar", line));
            return;
        }
        JsonNode id = idKey == null ? null : node.get(idKey);
        out.add(ClassificationRecords.check(location, CorpusSchemas.ord(file.rank(), lineIndex),
                scalar(id), idKey != null, text.asText(), scalar(label), labelRequired, () -> line));
    }

    /** The line as a JSON object; null when it is not one, after adding the rejection with the reason to {@code out}. */
    static JsonNode object(ObjectMapper json, String location, String line, List<Parsed> out) {
        JsonNode node;
        try {
            node = json.readTree(line);
        } catch (JsonProcessingException e) {
            out.add(Parsed.rejected(location, "invalid JSON: " + e.getOriginalMessage(), line));
            return null;
        }
        if (node == null || !node.isObject()) {
            out.add(Parsed.rejected(location, "not a JSON object", line));
            return null;
        }
        return node;
    }

    /** A field's scalar value as text; null when absent, null or not a scalar. */
    static String scalar(JsonNode node) {
        return node == null || node.isNull() || node.isContainerNode() ? null : node.asText();
    }

    @Override
    public boolean open() {
        return false;
    }

    @Override
    public void end(List<Parsed> out) {
    }
}
