package dev.seqtrain.infer;

import dev.seqtrain.job.TextSpec;
import dev.seqtrain.metrics.BroadcastModel;
import dev.seqtrain.model.seq2seq.BeamSearch;
import dev.seqtrain.model.seq2seq.Hypothesis;
import dev.seqtrain.model.seq2seq.Seq2SeqPredictor;
import dev.seqtrain.text.SequencePadding;
import dev.seqtrain.text.TargetSequences;
import dev.seqtrain.text.TextEncoder;
import dev.seqtrain.text.Vocabulary;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.io.Serializable;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.StringJoiner;

/**
 * Decodes raw source texts of one partition with an encoder-decoder, on an executor: the source encoded and padded
 * with the model's own tokenizer and text.source settings, then greedy (beam width 1) or beam search up to
 * text.target.maxlen steps; the best hypothesis' target tokens joined by a space (nothing for a char_level target).
 * The network is borrowed once per partition from the executor's copy ({@link BroadcastModel}).
 */
public final class PartitionDecoder implements Serializable {
    /** Sources decoded per group (sources are decoded one at a time; this bounds what is held in memory). */
    private static final int BATCH_SIZE = 256;

    public static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.StringType)
            .add("source", DataTypes.StringType)
            .add("prediction", DataTypes.StringType)
            .add("score", DataTypes.DoubleType)
            .add("log_probability", DataTypes.DoubleType)
            .add("finished", DataTypes.BooleanType);

    private final BroadcastModel network;
    private final Broadcast<TextEncoder> source;
    private final TextSpec sourceText;
    private final int sourceSteps;
    private final TargetSequences target;
    private final Vocabulary targetVocabulary;
    private final PredictJob.Decoding decoding;

    public PartitionDecoder(BroadcastModel network, Broadcast<TextEncoder> source, TextSpec sourceText,
                            int sourceSteps, TargetSequences target, Vocabulary targetVocabulary,
                            PredictJob.Decoding decoding) {
        this.network = network;
        this.source = source;
        this.sourceText = sourceText;
        this.sourceSteps = sourceSteps;
        this.target = target;
        this.targetVocabulary = targetVocabulary;
        this.decoding = decoding;
        decoding.search(target.maxlen()); // refuses bad settings on the driver
    }

    /** Rows {@code (id, text)} → {@link #SCHEMA}, lazily: one batch of rows and results in memory at a time. */
    public Iterator<Row> decode(Iterator<Row> rows) {
        return PooledScoring.score(network, rows, BATCH_SIZE, this::decodeBatch);
    }

    private void decodeBatch(MultiLayerNetwork net, List<Row> batch, Deque<Row> out) {
        Seq2SeqPredictor predictor = new Seq2SeqPredictor(net, target);
        BeamSearch search = decoding.search(target.maxlen());
        TextEncoder enc = source.value();
        String separator = targetVocabulary.spec().charLevel() ? "" : " ";
        for (Row r : batch) {
            String text = r.getString(1);
            int[] padded = SequencePadding.pad(enc.encode(text), sourceSteps, sourceText.padding(),
                    sourceText.truncating(), sourceText.value());
            Hypothesis best = predictor.decode(padded, search).get(0);
            StringJoiner words = new StringJoiner(separator);
            for (int id : best.tokens()) {
                if (id > 0 && id < target.vocabularySize()) words.add(targetVocabulary.token(id));
            }
            out.add(RowFactory.create(r.getString(0), text, words.toString(), best.score(),
                    best.logProbability(), best.finished()));
        }
    }
}
