package dev.seqtrain.spark;

import dev.seqtrain.job.TextSpec;
import dev.seqtrain.text.LabelIndex;
import dev.seqtrain.text.TextEncoder;
import dev.seqtrain.text.TextTokenizer;
import dev.seqtrain.text.TokenCount;
import dev.seqtrain.text.Vocabulary;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag$;

import java.nio.ByteBuffer;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Everything seqtrain broadcasts or shuffles survives Spark's Kryo as configured in production, the way it travels
 * to an executor JVM (local mode hands the driver's own objects over and would hide a failure here).
 */
class SeqtrainKryoRegistratorTest {

    private static final SerializerInstance KRYO = new KryoSerializer(new SparkConf()
            .set("spark.kryo.registrator", SeqtrainKryoRegistrator.class.getName())).newInstance();

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) {
        ByteBuffer bytes = KRYO.serialize(value, ClassTag$.MODULE$.apply(value.getClass()));
        return (T) KRYO.deserialize(bytes, ClassTag$.MODULE$.apply(value.getClass()));
    }

    @Test
    void broadcastTextObjectsAndShuffledCountsRoundTrip() {
        TextSpec spec = new TextSpec(100, "<OOV>", null, null, null, null, 6, null, null, null, null, null, null);
        Vocabulary vocab = Vocabulary.fit(List.of("not bad at all", "good but boring", "not good"), spec);

        LabelIndex labels = roundTrip(LabelIndex.of(List.of("pos", "neg"), "label"));
        assertEquals(List.of("neg", "pos"), labels.labels());
        assertEquals(1, labels.indexOf("pos"));

        TextEncoder encoder = TextEncoder.of(vocab);
        assertArrayEquals(encoder.encodePadded("not good at all"), roundTrip(encoder).encodePadded("not good at all"));
        assertEquals(List.of("good", "but", "boring"), roundTrip(TextTokenizer.of(spec)).tokenize("Good, but boring!"));

        TokenCount count = new TokenCount("good", 3, 2, 1, 0);
        assertEquals(count, roundTrip(count));
        assertEquals(spec, roundTrip(spec));
    }
}
