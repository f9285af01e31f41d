package dev.seqtrain.cluster;

import dev.seqtrain.job.TextSpec;
import dev.seqtrain.spark.SeqtrainKryoRegistrator;
import dev.seqtrain.text.LabelIndex;
import dev.seqtrain.text.TextEncoder;
import dev.seqtrain.text.TextTokenizer;
import dev.seqtrain.text.Vocabulary;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag$;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the job broadcasts, through Spark's Kryo with our registrator and back, as an executor JVM receives it. Local
 * mode hands broadcasts over as the same object, so without this only a multi-JVM run would catch a class Kryo
 * cannot rebuild (LabelIndex's immutable list did exactly that).
 */
class KryoRoundTripTest {
    private static final TextSpec TEXT = new TextSpec(null, "<OOV>", null, null, null, null, 6, "pre", "pre", null,
            null, null, null);

    private final SerializerInstance kryo = new KryoSerializer(new SparkConf(false)
            .set("spark.kryo.registrator", SeqtrainKryoRegistrator.class.getName())).newInstance();

    @SuppressWarnings("unchecked")
    private <T> T roundTrip(T value) {
        scala.reflect.ClassTag<T> tag = (scala.reflect.ClassTag<T>) ClassTag$.MODULE$.apply(value.getClass());
        return kryo.deserialize(kryo.serialize(value, tag), tag);
    }

    @Test
    void labelIndexSurvives() {
        LabelIndex labels = LabelIndex.of(List.of("pos", "neg"), "label");
        LabelIndex copy = roundTrip(labels);
        assertEquals(List.of("neg", "pos"), copy.labels());
        assertEquals(1, copy.indexOf("pos"));
    }

    @Test
    void textEncoderAndTokenizerSurvive() {
        Vocabulary vocabulary = Vocabulary.fit(List.of("the plot was dull", "the acting was superb"), TEXT);
        TextEncoder encoder = TextEncoder.of(vocabulary);
        assertArrayEquals(encoder.encodePadded("the acting was never dull"), roundTrip(encoder).encodePadded("the acting was never dull"));
        TextTokenizer tokenizer = TextTokenizer.of(TEXT);
        assertEquals(tokenizer.tokenize("Not BAD, at all!"), roundTrip(tokenizer).tokenize("Not BAD, at all!"));
    }
}
