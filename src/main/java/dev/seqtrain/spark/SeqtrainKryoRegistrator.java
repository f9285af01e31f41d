package dev.seqtrain.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import dev.seqtrain.job.TextSpec;
import dev.seqtrain.text.TokenCount;
import org.nd4j.kryo.Nd4jRegistrator;

/**
 * ND4J's registrations (INDArray, DataSet) plus ours. Spark's Kryo 4 cannot serialize Java records ("can't get field
 * offset on a record class"), so the records that cross the wire — shuffled token counts, broadcast settings — use
 * Java serialization inside Kryo, and so do the broadcast text objects (see below).
 */
public class SeqtrainKryoRegistrator extends Nd4jRegistrator {
    @Override
    public void registerClasses(Kryo kryo) {
        super.registerClasses(kryo);
        kryo.register(TokenCount.class, new JavaSerializer());
        kryo.register(TextSpec.class, new JavaSerializer());
        // broadcast to executors; they hold immutable JDK collections (List.copyOf) that Kryo cannot rebuild, which
        // only shows once executors are separate JVMs (local mode hands the driver's own objects over)
        kryo.register(dev.seqtrain.text.LabelIndex.class, new JavaSerializer());
        kryo.register(dev.seqtrain.text.TextEncoder.class, new JavaSerializer());
        kryo.register(dev.seqtrain.text.TextTokenizer.class, new JavaSerializer());
    }
}
