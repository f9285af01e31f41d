package dev.seqtrain.text;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import org.junit.jupiter.api.Test;
import org.objenesis.strategy.StdInstantiatorStrategy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What Spark broadcasts and ships in closures survives both of Spark's serializers: Java serialization and Kryo
 * configured as Spark's KryoSerializer does (no registration required, Objenesis instantiation). Kryo 4 cannot
 * serialize Java records, so these classes keep no record in their fields.
 */
class SerializationTest {
    private static final List<String> CORPUS = List.of("The cat sat.", "the dog sat on the mat", "A cat <b>x</b>");
    private static final List<String> PROBES = List.of("the dog sat on the mat", "zebra cat", "ΟΔΟΣ", "");

    private static Vocabulary fitted() {
        Vocabulary v = Vocabulary.fit(CORPUS, Specs.keras().numWords(5).oov("<OOV>").maxlen(4).stripHtml().build());
        v.index("the"); // build the lazy lookup first: it must not travel and must come back
        return v;
    }

    @Test
    void javaSerializationKeepsEverything() throws Exception {
        Vocabulary v = fitted();
        Vocabulary back = javaRoundTrip(v);
        assertEquals(v, back);
        assertSameEncoding(v, back);
        TextEncoder encoder = TextEncoder.of(v);
        encoder.encode("warm up");
        TextEncoder encoderBack = javaRoundTrip(encoder);
        for (String text : PROBES) {
            assertArrayEquals(encoder.encodePadded(text), encoderBack.encodePadded(text));
        }
        TextTokenizer tokenizer = TextTokenizer.of(v.spec());
        tokenizer.tokenize("warm up");
        assertEquals(tokenizer.tokenize("A,b<i>c</i>"), javaRoundTrip(tokenizer).tokenize("A,b<i>c</i>"));
        assertEquals(new TokenCount("a", 1, 1, 0, 0), javaRoundTrip(new TokenCount("a", 1, 1, 0, 0)));
    }

    @Test
    void kryoAsSparkConfiguresItKeepsEverything() {
        Vocabulary v = fitted();
        Vocabulary back = kryoRoundTrip(v);
        assertEquals(v, back);
        assertSameEncoding(v, back);
        TextEncoder encoder = TextEncoder.of(v);
        encoder.encode("warm up");
        TextEncoder encoderBack = kryoRoundTrip(encoder);
        for (String text : PROBES) {
            assertArrayEquals(encoder.encodePadded(text), encoderBack.encodePadded(text));
        }
        TextTokenizer tokenizer = TextTokenizer.of(v.spec());
        assertEquals(tokenizer.tokenize("A,b<i>c</i>"), kryoRoundTrip(tokenizer).tokenize("A,b<i>c</i>"));
    }

    /** Why the classes above hold no record: Spark's Kryo 4 refuses them (Spark jobs shuffling TokenCount must
     *  register it with Kryo's JavaSerializer). */
    @Test
    void kryoFourCannotSerializeRecords() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> kryoRoundTrip(new TokenCount("a", 1, 1, 0, 0)));
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        assertTrue(String.valueOf(root.getMessage()).contains("record class"), String.valueOf(root));
        Kryo kryo = sparkLikeKryo();
        kryo.register(TokenCount.class, new JavaSerializer());
        Output out = new Output(256, -1);
        kryo.writeClassAndObject(out, new TokenCount("a", 1, 1, 0, 0));
        assertEquals(new TokenCount("a", 1, 1, 0, 0), kryo.readClassAndObject(new Input(out.toBytes())));
    }

    private static void assertSameEncoding(Vocabulary a, Vocabulary b) {
        TextTokenizer tokenizer = TextTokenizer.of(a.spec());
        for (String text : PROBES) {
            assertArrayEquals(a.encode(tokenizer.tokenize(text)), b.encode(tokenizer.tokenize(text)), text);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T javaRoundTrip(T value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    private static Kryo sparkLikeKryo() {
        Kryo kryo = new Kryo();
        kryo.setRegistrationRequired(false);
        kryo.setReferences(true);
        kryo.setInstantiatorStrategy(new Kryo.DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
        return kryo;
    }

    @SuppressWarnings("unchecked")
    private static <T> T kryoRoundTrip(T value) {
        Kryo kryo = sparkLikeKryo();
        Output out = new Output(4096, -1);
        kryo.writeClassAndObject(out, value);
        return (T) kryo.readClassAndObject(new Input(out.toBytes()));
    }
}
