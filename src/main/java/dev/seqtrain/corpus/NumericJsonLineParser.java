package dev.seqtrain.corpus;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * Numeric sequences from JSON Lines: one object per line whose {@code data.features_column} field holds the
 * {@code timesteps x features} numbers (a flat array, time-major; an array of per-step arrays; or a string of numbers),
 * or whose {@code data.feature_columns} fields hold one number each; label and id as for text rows. Blank lines are
 * not rows; everything else that does not make the expected shape is rejected with the reason.
 */
final class NumericJsonLineParser implements LineParser {
    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private final InputFile file;
    private final String featuresKey;
    private final List<String> featureKeys;
    private final String labelKey;
    private final String idKey;
    private final boolean labelRequired;
    private final NumericShape shape;

    private NumericJsonLineParser(InputFile file, String featuresKey, List<String> featureKeys, String labelKey,
                                  String idKey, boolean labelRequired, NumericShape shape) {
        this.file = file;
        this.featuresKey = featuresKey;
        this.featureKeys = featureKeys;
        this.labelKey = labelKey;
        this.idKey = idKey;
        this.labelRequired = labelRequired;
        this.shape = shape;
    }

    /** {@code featuresKey} (one packed field) or else {@code featureKeys} (one number per field). */
    static LineParser.Factory factory(String featuresKey, List<String> featureKeys, String labelKey, String idKey,
                                      boolean labelRequired, NumericShape shape) {
        List<String> keys = List.copyOf(featureKeys);
        return (file, previousLineBlank) -> new NumericJsonLineParser(file, featuresKey, keys, labelKey, idKey,
                labelRequired, shape);
    }

    @Override
    public void line(long lineIndex, String line, List<Parsed> out) {
        if (Lines.isBlank(line)) return;
        String location = Lines.location(file.path(), lineIndex);
        JsonNode node = JsonLineParser.object(json, location, line, out);
        if (node == null) return;
        JsonNode label = node.get(labelKey);
        if (label != null && label.isContainerNode()) {
            out.add(Parsed.rejected(location, "field '" + labelKey + "' is not a scalar", line));
            return;
        }
        JsonNode id = idKey == null ? null : node.get(idKey);
        out.add(NumericRecords.check(location, CorpusSchemas.ord(file.rank(), lineIndex), JsonLineParser.scalar(id),
                idKey != null, () -> features(node), JsonLineParser.scalar(label), labelRequired, shape, () -> line));
    }

    private float[] features(JsonNode node) throws NumericCells.Bad {
        if (featuresKey != null) return NumericCells.fromValue(value(node, featuresKey), featuresKey, shape);
        List<Object> values = new ArrayList<>(featureKeys.size());
        for (String key : featureKeys) {
            JsonNode v = node.get(key);
            if (v != null && v.isContainerNode()) throw new NumericCells.Bad("field '" + key + "' is not a number");
            values.add(value(node, key));
        }
        return NumericCells.fromValues(values, featureKeys);
    }

    /** The field as what {@link NumericCells} reads: numbers, strings, nested lists; a missing field is a reason. */
    private static Object value(JsonNode node, String key) throws NumericCells.Bad {
        JsonNode v = node.get(key);
        if (v == null) throw new NumericCells.Bad("missing field '" + key + "'");
        return java(v);
    }

    private static Object java(JsonNode v) {
        if (v.isNull()) return null;
        if (v.isNumber()) return v.numberValue();
        if (v.isTextual()) return v.textValue();
        if (v.isArray()) {
            List<Object> list = new ArrayList<>(v.size());
            v.forEach(e -> list.add(java(e)));
            return list;
        }
        return v.toString();
    }

    @Override
    public boolean open() {
        return false;
    }

    @Override
    public void end(List<Parsed> out) {
    }
}
