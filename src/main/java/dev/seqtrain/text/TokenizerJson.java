package dev.seqtrain.text;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seqtrain.errors.SeqtrainException;
import dev.seqtrain.job.SequenceEnd;
import dev.seqtrain.job.SpecValues;
import dev.seqtrain.job.TextSpec;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code tokenizer.json} in the layout of Keras' {@code Tokenizer.to_json()}, so that Python's
 * {@code tokenizer_from_json} loads it, and read back exactly.
 *
 * <pre>{"class_name": "Tokenizer",
 *  "config": {"num_words", "filters", "lower", "split", "char_level", "oov_token", "document_count",
 *             "word_counts", "word_docs", "index_docs", "index_word", "word_index"},   // the last five: JSON strings
 *  "seqtrain": {"format": 1, "strip_html", "nfkc", "min_count", "maxlen", "padding", "truncating", "value",
 *               "first_doc": [...], "first_pos": [...]}}                               // index order</pre>
 *
 * Our extras sit at the top level, not in {@code config}: {@code tokenizer_from_json} pops the five JSON strings
 * from {@code config} and calls {@code Tokenizer(**config)}, which raises {@code TypeError: Unrecognized keyword
 * arguments} for any key it does not know (it accepts only {@code nb_words} and {@code document_count} beyond its
 * parameters); keys beside {@code config} are never read. {@code word_counts} is written in first-occurrence order
 * (Keras' OrderedDict insertion order); the OOV token is in {@code word_index} / {@code index_word} only, unless it
 * occurs in the corpus. A file written by Keras itself (no {@code seqtrain} block) reads too: first occurrences are
 * then taken from the order of {@code word_counts}.
 */
public final class TokenizerJson {
    static final int FORMAT = 1;
    // Keras stores word_index etc. as one JSON string each: a large vocabulary exceeds Jackson's default 20M limit
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private TokenizerJson() {
    }

    public static String write(Vocabulary v) {
        TextSettings s = v.settings();
        List<TokenCount> entries = v.entriesByIndex();

        List<TokenCount> byFirstOccurrence = new ArrayList<>();
        for (TokenCount e : entries) {
            if (e.occurs()) {
                byFirstOccurrence.add(e);
            }
        }
        byFirstOccurrence.sort(TokenCount.FIRST_OCCURRENCE);
        ObjectNode wordCounts = JSON.createObjectNode();
        byFirstOccurrence.forEach(e -> wordCounts.put(e.token(), e.count()));

        ObjectNode wordDocs = JSON.createObjectNode();
        ObjectNode indexDocs = JSON.createObjectNode();
        ObjectNode indexWord = JSON.createObjectNode();
        ObjectNode wordIndex = JSON.createObjectNode();
        ArrayNode firstDoc = JSON.createArrayNode();
        ArrayNode firstPos = JSON.createArrayNode();
        for (int i = 0; i < entries.size(); i++) {
            TokenCount e = entries.get(i);
            int index = i + 1;
            if (e.occurs()) {
                wordDocs.put(e.token(), e.documents());
                indexDocs.put(Integer.toString(index), e.documents());
            }
            indexWord.put(Integer.toString(index), e.token());
            wordIndex.put(e.token(), index);
            firstDoc.add(e.firstDoc());
            firstPos.add(e.firstPos());
        }

        ObjectNode config = JSON.createObjectNode();
        if (s.numWords == null) {
            config.putNull("num_words");
        } else {
            config.put("num_words", s.numWords);
        }
        config.put("filters", s.filters);
        config.put("lower", s.lower);
        config.put("split", s.split);
        config.put("char_level", s.charLevel);
        config.put("oov_token", s.oovToken);
        config.put("document_count", v.documentCount());
        config.put("word_counts", compact(wordCounts));
        config.put("word_docs", compact(wordDocs));
        config.put("index_docs", compact(indexDocs));
        config.put("index_word", compact(indexWord));
        config.put("word_index", compact(wordIndex));

        ObjectNode extras = JSON.createObjectNode();
        extras.put("format", FORMAT);
        extras.put("strip_html", s.stripHtml);
        extras.put("nfkc", s.nfkc);
        extras.put("min_count", s.minCount);
        if (s.maxlen == null) {
            extras.putNull("maxlen");
        } else {
            extras.put("maxlen", s.maxlen);
        }
        extras.put("padding", s.padding.toString());
        extras.put("truncating", s.truncating.toString());
        extras.put("value", s.value);
        extras.set("first_doc", firstDoc);
        extras.set("first_pos", firstPos);

        ObjectNode root = JSON.createObjectNode();
        root.put("class_name", "Tokenizer");
        root.set("config", config);
        root.set("seqtrain", extras);
        return compact(root);
    }

    /** Reads a tokenizer.json; a malformed one is a {@link SeqtrainException} with exit code INPUT. */
    public static Vocabulary read(String json) {
        return read(json, "tokenizer.json");
    }

    /** As {@link #read(String)}, naming {@code source} (e.g. the file's path) in error messages. */
    public static Vocabulary read(String json, String source) {
        try {
            return new Reader(source).read(json);
        } catch (Malformed e) {
            throw SeqtrainException.input(source + ": not a Keras tokenizer file: " + e.getMessage());
        }
    }

    private static String compact(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static final class Malformed extends Exception {
        Malformed(String message) {
            super(message);
        }
    }

    private static final class Reader {
        private final String source;

        Reader(String source) {
            this.source = source;
        }

        Vocabulary read(String json) throws Malformed {
            JsonNode root = parse(json, "the file");
            if (!root.isObject()) {
                throw new Malformed("expected a JSON object");
            }
            JsonNode className = root.get("class_name");
            if (className == null || !"Tokenizer".equals(className.asText())) {
                throw new Malformed("\"class_name\" must be \"Tokenizer\"");
            }
            JsonNode config = root.get("config");
            if (config == null || !config.isObject()) {
                throw new Malformed("missing \"config\" object");
            }
            JsonNode extras = root.get("seqtrain");
            if (extras != null && !extras.isObject()) {
                throw new Malformed("\"seqtrain\" must be an object");
            }
            if (extras != null && extras.has("format") && extras.get("format").asInt() > FORMAT) {
                throw new Malformed("\"seqtrain.format\" " + extras.get("format") + " is newer than this version ("
                        + FORMAT + ")");
            }
            TextSpec spec = spec(config, extras);
            long documentCount = nonNegativeLong(config, "document_count", "config.document_count");

            Map<String, Long> wordCounts = counts(embedded(config, "word_counts"), "word_counts");
            Map<String, Long> wordDocs = counts(embedded(config, "word_docs"), "word_docs");
            String[] byIndex = tokensByIndex(embedded(config, "word_index"));

            if (spec.oovToken() != null && (byIndex.length == 0 || !spec.oovToken().equals(byIndex[0]))) {
                throw new Malformed("config.word_index: the oov_token '" + spec.oovToken() + "' must have index 1");
            }
            long[] firstDoc = new long[byIndex.length];
            int[] firstPos = new int[byIndex.length];
            firstOccurrences(extras, wordCounts, byIndex, firstDoc, firstPos);

            List<TokenCount> entries = new ArrayList<>(byIndex.length);
            for (int i = 0; i < byIndex.length; i++) {
                String token = byIndex[i];
                entries.add(new TokenCount(token, wordCounts.getOrDefault(token, 0L), wordDocs.getOrDefault(token, 0L),
                        firstDoc[i], firstPos[i]));
            }
            try {
                return Vocabulary.ofEntries(entries, spec, documentCount);
            } catch (RuntimeException e) {
                throw new Malformed(e.getMessage());
            }
        }

        private TextSpec spec(JsonNode config, JsonNode extras) throws Malformed {
            Integer numWords = optionalInt(config, "num_words", "config.num_words");
            String oov = optionalText(config, "oov_token", "config.oov_token");
            String filters = requiredText(config, "filters", "config.filters");
            boolean lower = requiredBoolean(config, "lower", "config.lower");
            String split = requiredText(config, "split", "config.split");
            if (split.isEmpty()) {
                throw new Malformed("config.split must not be empty");
            }
            boolean charLevel = requiredBoolean(config, "char_level", "config.char_level");
            if (extras == null) {
                return new TextSpec(numWords, oov, filters, lower, split, charLevel, null, null, null, null, null,
                        null, null);
            }
            return new TextSpec(numWords, oov, filters, lower, split, charLevel,
                    optionalInt(extras, "maxlen", "seqtrain.maxlen"),
                    padMode(extras, "padding"), padMode(extras, "truncating"),
                    optionalInt(extras, "value", "seqtrain.value"),
                    optionalBoolean(extras, "strip_html", "seqtrain.strip_html"),
                    optionalBoolean(extras, "nfkc", "seqtrain.nfkc"),
                    optionalInt(extras, "min_count", "seqtrain.min_count"));
        }

        private SequenceEnd padMode(JsonNode extras, String key) throws Malformed {
            String mode = optionalText(extras, key, "seqtrain." + key);
            if (mode == null) return null;
            return SpecValues.parse(SequenceEnd.class, mode).orElseThrow(() -> new Malformed("seqtrain." + key
                    + " must be \"pre\" or \"post\", got \"" + mode + "\""));
        }

        /** word_index as an array: position i holds index i + 1; indices must be exactly 1..n. */
        private String[] tokensByIndex(JsonNode wordIndex) throws Malformed {
            String[] byIndex = new String[wordIndex.size()];
            Iterator<Map.Entry<String, JsonNode>> fields = wordIndex.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                JsonNode id = f.getValue();
                if (!id.canConvertToInt() || !id.isIntegralNumber()) {
                    throw new Malformed("config.word_index: index of '" + f.getKey() + "' is not an integer: " + id);
                }
                int index = id.intValue();
                if (index < 1 || index > byIndex.length) {
                    throw new Malformed("config.word_index: index " + index + " of '" + f.getKey()
                            + "' is outside 1.." + byIndex.length + " (indices must be 1..N without gaps)");
                }
                if (byIndex[index - 1] != null) {
                    throw new Malformed("config.word_index: index " + index + " is given to both '"
                            + byIndex[index - 1] + "' and '" + f.getKey() + "'");
                }
                byIndex[index - 1] = f.getKey();
            }
            return byIndex;
        }

        private void firstOccurrences(JsonNode extras, Map<String, Long> wordCounts, String[] byIndex,
                                      long[] firstDoc, int[] firstPos) throws Malformed {
            JsonNode docs = extras == null ? null : extras.get("first_doc");
            JsonNode poss = extras == null ? null : extras.get("first_pos");
            if (docs != null || poss != null) {
                if (docs == null || poss == null || !docs.isArray() || !poss.isArray()
                        || docs.size() != byIndex.length || poss.size() != byIndex.length) {
                    throw new Malformed("seqtrain.first_doc and seqtrain.first_pos must be arrays of "
                            + byIndex.length + " numbers (one per word_index entry)");
                }
                for (int i = 0; i < byIndex.length; i++) {
                    if (!docs.get(i).isIntegralNumber() || !poss.get(i).canConvertToInt()
                            || !poss.get(i).isIntegralNumber()) {
                        throw new Malformed("seqtrain.first_doc/first_pos[" + i + "] is not an integer");
                    }
                    firstDoc[i] = docs.get(i).longValue();
                    firstPos[i] = poss.get(i).intValue();
                }
                return;
            }
            // A Keras file: word_counts is in first-occurrence order; its rank stands in for the document.
            Map<String, Integer> rank = new LinkedHashMap<>();
            for (String token : wordCounts.keySet()) {
                rank.put(token, rank.size());
            }
            for (int i = 0; i < byIndex.length; i++) {
                Integer r = rank.get(byIndex[i]);
                firstDoc[i] = r == null ? -1 : r;
                firstPos[i] = r == null ? -1 : 0;
            }
        }

        private JsonNode embedded(JsonNode config, String key) throws Malformed {
            JsonNode text = config.get(key);
            if (text == null || !text.isTextual()) {
                throw new Malformed("config." + key + " must be a JSON string (Keras stores it as text)");
            }
            JsonNode node = parse(text.asText(), "config." + key);
            if (!node.isObject()) {
                throw new Malformed("config." + key + " must hold a JSON object");
            }
            return node;
        }

        private Map<String, Long> counts(JsonNode object, String name) throws Malformed {
            Map<String, Long> out = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (!f.getValue().isIntegralNumber() || f.getValue().longValue() < 0) {
                    throw new Malformed("config." + name + ": count of '" + f.getKey()
                            + "' is not a non-negative integer: " + f.getValue());
                }
                out.put(f.getKey(), f.getValue().longValue());
            }
            return out;
        }

        private JsonNode parse(String json, String what) throws Malformed {
            if (json == null || json.isBlank()) {
                throw new Malformed(what + " is empty");
            }
            try {
                return JSON.readTree(json);
            } catch (JsonProcessingException e) {
                String msg = e.getOriginalMessage();
                throw new Malformed(what + " is not valid JSON (" + msg + ", " + location(e) + ")");
            }
        }

        private String location(JsonProcessingException e) {
            return e.getLocation() == null ? source
                    : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        }

        private static Integer optionalInt(JsonNode parent, String key, String path) throws Malformed {
            JsonNode n = parent.get(key);
            if (n == null || n.isNull()) {
                return null;
            }
            if (!n.isIntegralNumber() || !n.canConvertToInt()) {
                throw new Malformed(path + " must be an integer or null, got " + n);
            }
            return n.intValue();
        }

        private static long nonNegativeLong(JsonNode parent, String key, String path) throws Malformed {
            JsonNode n = parent.get(key);
            if (n == null || !n.isIntegralNumber() || n.longValue() < 0) {
                throw new Malformed(path + " must be a non-negative integer, got " + n);
            }
            return n.longValue();
        }

        private static String optionalText(JsonNode parent, String key, String path) throws Malformed {
            JsonNode n = parent.get(key);
            if (n == null || n.isNull()) {
                return null;
            }
            if (!n.isTextual()) {
                throw new Malformed(path + " must be a string or null, got " + n);
            }
            return n.asText();
        }

        private static String requiredText(JsonNode parent, String key, String path) throws Malformed {
            String s = optionalText(parent, key, path);
            if (s == null) {
                throw new Malformed(path + " is missing");
            }
            return s;
        }

        private static Boolean optionalBoolean(JsonNode parent, String key, String path) throws Malformed {
            JsonNode n = parent.get(key);
            if (n == null || n.isNull()) {
                return null;
            }
            if (!n.isBoolean()) {
                throw new Malformed(path + " must be true or false, got " + n);
            }
            return n.booleanValue();
        }

        private static boolean requiredBoolean(JsonNode parent, String key, String path) throws Malformed {
            Boolean b = optionalBoolean(parent, key, path);
            if (b == null) {
                throw new Malformed(path + " is missing");
            }
            return b;
        }
    }
}
