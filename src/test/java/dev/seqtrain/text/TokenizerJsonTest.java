package dev.seqtrain.text;

import dev.seqtrain.job.SequenceEnd;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seqtrain.errors.ExitCode;
import dev.seqtrain.errors.SeqtrainException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenizerJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CORPUS =
            List.of("The cat sat.", "the dog sat on the mat", "A cat", "ΟΔΟΣ naïve 😀 \"quoted\" back\\slash");
    private static final List<String> PROBES = List.of("the cat", "a zebra on the mat", "", "naïve ΟΔΟΣ 😀");

    @Test
    void roundTripReproducesTheVocabularyAndItsEncoding() {
        Vocabulary v = Vocabulary.fit(CORPUS, Specs.keras().numWords(5).oov("<OOV>").maxlen(6).padding(SequenceEnd.POST)
                .truncating(SequenceEnd.POST).value(0).minCount(1).stripHtml().nfkc().build());
        Vocabulary back = TokenizerJson.read(TokenizerJson.write(v));
        assertEquals(v, back);
        assertEquals(v.spec(), back.spec());
        assertEquals(v.entriesByIndex(), back.entriesByIndex());
        TextTokenizer tokenizer = TextTokenizer.of(back.spec());
        for (String text : PROBES) {
            assertArrayEquals(v.encode(tokenizer.tokenize(text)), back.encode(tokenizer.tokenize(text)), text);
        }
        assertEquals(TokenizerJson.write(v), TokenizerJson.write(back), "write is deterministic");
    }

    @Test
    void roundTripWithoutOovAndNumWords() {
        Vocabulary v = Vocabulary.fit(CORPUS, Specs.keras().build());
        assertEquals(v, TokenizerJson.read(TokenizerJson.write(v)));
        Vocabulary chars = Vocabulary.fit(CORPUS, Specs.keras().charLevel().lower(false).build());
        assertEquals(chars, TokenizerJson.read(TokenizerJson.write(chars)));
        Vocabulary oovIsAWord = Vocabulary.fit(List.of("unk a a", "unk"), Specs.keras().oov("unk").build());
        assertEquals(oovIsAWord, TokenizerJson.read(TokenizerJson.write(oovIsAWord)));
    }

    /** Python's tokenizer_from_json pops five keys and calls Tokenizer(**config): unknown config keys raise. */
    @Test
    void layoutIsWhatKerasTokenizerFromJsonAccepts() throws Exception {
        Vocabulary v = Vocabulary.fit(CORPUS, Specs.keras().numWords(5).oov("<OOV>").minCount(1).build());
        JsonNode root = JSON.readTree(TokenizerJson.write(v));
        assertEquals("Tokenizer", root.get("class_name").asText());
        JsonNode config = root.get("config");
        assertEquals(new TreeSet<>(List.of("num_words", "filters", "lower", "split", "char_level", "oov_token",
                "document_count", "word_counts", "word_docs", "index_docs", "index_word", "word_index")),
                fieldNames(config));
        for (String key : List.of("word_counts", "word_docs", "index_docs", "index_word", "word_index")) {
            assertTrue(config.get(key).isTextual(), key + " is a JSON string as in Keras");
        }
        assertEquals(5, config.get("num_words").asInt());
        assertEquals(4, config.get("document_count").asInt());
        assertTrue(root.get("seqtrain").isObject(), "our extras sit beside config");

        JsonNode wordIndex = JSON.readTree(config.get("word_index").asText());
        assertEquals(1, wordIndex.get("<OOV>").asInt());
        assertEquals(2, wordIndex.get("the").asInt());
        JsonNode indexWord = JSON.readTree(config.get("index_word").asText());
        assertEquals("the", indexWord.get("2").asText());
        JsonNode wordCounts = JSON.readTree(config.get("word_counts").asText());
        assertFalse(wordCounts.has("<OOV>"), "the OOV token is not a counted word");
        assertEquals(List.of("the", "cat", "sat", "dog", "on", "mat", "a"), fieldList(wordCounts).subList(0, 7),
                "word_counts in first-occurrence order, like Keras' OrderedDict");
        assertEquals(3, wordCounts.get("the").asInt());
        assertEquals(2, JSON.readTree(config.get("word_docs").asText()).get("the").asInt());
        assertEquals(2, JSON.readTree(config.get("index_docs").asText()).get("2").asInt());
    }

    /** A file written by Keras itself (no seqtrain block) loads and encodes like Keras. */
    @Test
    void readsAFileWrittenByKeras() {
        String keras = "{\"class_name\": \"Tokenizer\", \"config\": {\"num_words\": 3, \"filters\": \"!\\\"#$%&()*+,-./:;<=>?@[\\\\]^_`{|}~\\t\\n\", "
                + "\"lower\": true, \"split\": \" \", \"char_level\": false, \"oov_token\": \"<OOV>\", \"document_count\": 2, "
                + "\"word_counts\": \"{\\\"b\\\": 1, \\\"a\\\": 2, \\\"c\\\": 1}\", "
                + "\"word_docs\": \"{\\\"a\\\": 2, \\\"b\\\": 1, \\\"c\\\": 1}\", "
                + "\"index_docs\": \"{\\\"2\\\": 2, \\\"3\\\": 1, \\\"4\\\": 1}\", "
                + "\"index_word\": \"{\\\"1\\\": \\\"<OOV>\\\", \\\"2\\\": \\\"a\\\", \\\"3\\\": \\\"b\\\", \\\"4\\\": \\\"c\\\"}\", "
                + "\"word_index\": \"{\\\"<OOV>\\\": 1, \\\"a\\\": 2, \\\"b\\\": 3, \\\"c\\\": 4}\"}}";
        Vocabulary v = TokenizerJson.read(keras);
        assertEquals(4, v.size());
        assertEquals(3, v.inputDim());
        assertEquals(2, v.documentCount());
        assertEquals(new TokenCount("a", 2, 2, 1, 0), v.entry(2));
        assertEquals(new TokenCount("<OOV>", 0, 0, -1, -1), v.entry(1));
        assertArrayEquals(new int[]{2, 1, 1, 1}, v.encode(List.of("a", "b", "c", "zebra")));
        assertEquals(Integer.valueOf(1), v.spec().minCount());
        assertEquals(v, TokenizerJson.read(TokenizerJson.write(v)));
    }

    @Test
    void malformedFilesAreInputErrorsNamingWhatIsWrong() throws Exception {
        String good = TokenizerJson.write(Vocabulary.fit(CORPUS, Specs.keras().oov("<OOV>").build()));

        assertMalformed("{not json", "is not valid JSON");
        assertMalformed("", "is empty");
        assertMalformed("[1, 2]", "expected a JSON object");
        assertMalformed("{\"class_name\": \"Sequential\", \"config\": {}}", "\"class_name\" must be \"Tokenizer\"");
        assertMalformed("{\"class_name\": \"Tokenizer\"}", "missing \"config\" object");
        assertMalformed(good + " trailing", "is not valid JSON");

        assertMalformed(edit(good, c -> c.remove("split")), "config.split is missing");
        assertMalformed(edit(good, c -> c.put("lower", "yes")), "config.lower must be true or false");
        assertMalformed(edit(good, c -> c.put("num_words", "many")), "config.num_words must be an integer");
        assertMalformed(edit(good, c -> c.put("document_count", -3)), "config.document_count");
        assertMalformed(edit(good, c -> c.set("word_index", JSON.createObjectNode().put("a", 1))),
                "config.word_index must be a JSON string");
        assertMalformed(edit(good, c -> c.put("word_index", "{\"<OOV>\": 1, \"the\": 3}")),
                "index 3 of 'the' is outside 1..2");
        assertMalformed(edit(good, c -> c.put("word_index", "{\"<OOV>\": 1, \"the\": 1}")),
                "index 1 is given to both '<OOV>' and 'the'");
        assertMalformed(edit(good, c -> c.put("word_index", "{\"the\": 1, \"<OOV>\": 2}")),
                "the oov_token '<OOV>' must have index 1");
        assertMalformed(edit(good, c -> c.put("word_counts", "{\"the\": -1}")), "config.word_counts");
        assertMalformed(edit(good, c -> c.put("word_docs", "{\"the\": ")), "config.word_docs is not valid JSON");

        ObjectNode root = (ObjectNode) JSON.readTree(good);
        ((ObjectNode) root.get("seqtrain")).putArray("first_doc").add(0);
        assertMalformed(root.toString(), "seqtrain.first_doc and seqtrain.first_pos must be arrays");
        root = (ObjectNode) JSON.readTree(good);
        ((ObjectNode) root.get("seqtrain")).put("padding", "middle");
        assertMalformed(root.toString(), "seqtrain.padding must be \"pre\" or \"post\"");
    }

    @Test
    void errorNamesTheSource() {
        SeqtrainException e = assertThrows(SeqtrainException.class,
                () -> TokenizerJson.read("{}", "hdfs:///models/m/tokenizer.json"));
        assertTrue(e.getMessage().startsWith("hdfs:///models/m/tokenizer.json: "), e.getMessage());
    }

    private interface ConfigEdit {
        void apply(ObjectNode config) throws Exception;
    }

    private static String edit(String json, ConfigEdit edit) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(json);
        edit.apply((ObjectNode) root.get("config"));
        return root.toString();
    }

    private static void assertMalformed(String json, String expectedPart) {
        SeqtrainException e = assertThrows(SeqtrainException.class, () -> TokenizerJson.read(json));
        assertEquals(ExitCode.INPUT, e.exitCode());
        assertTrue(e.getMessage().startsWith("tokenizer.json: "), e.getMessage());
        assertTrue(e.getMessage().contains(expectedPart), "'" + e.getMessage() + "' should say: " + expectedPart);
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    private static Set<String> fieldNames(JsonNode node) {
        return new TreeSet<>(fieldList(node));
    }

    private static List<String> fieldList(JsonNode node) {
        List<String> out = new ArrayList<>();
        Iterator<String> it = node.fieldNames();
        it.forEachRemaining(out::add);
        return out;
    }
}
