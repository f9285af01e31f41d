package dev.seqtrain.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import dev.seqtrain.job.TextSpec;
import dev.seqtrain.text.LabelIndex;
import dev.seqtrain.text.TokenCount;
import org.nd4j.kryo.Nd4jRegistrator;

/**
 * ND4J's registrations (INDArray, DataSet) plus ours. Spark's Kryo 4 cannot serialize Java records ("can't get field
 * offset on a record class"), so the records that cross the wire — shuffled token counts, broadcast settings — use
 * Java serialization inside Kryo. So does {@link LabelIndex}: Kryo rebuilds its immutable {@code List.copyOf} list by
 * calling {@code add}, which throws on the executors (in local mode broadcasts are never deserialized, so only
 * separate executor JVMs showed it).
 */
public class SeqtrainKryoRegistrator extends Nd4jRegistrator {
    @Override
    public void registerClasses(Kryo kryo) {
        super.registerClasses(kryo);
        kryo.register(TokenCount.class, new JavaSerializer());
        kryo.register(TextSpec.class, new JavaSerializer());
        kryo.register(LabelIndex.class, new JavaSerializer());
    }
}
