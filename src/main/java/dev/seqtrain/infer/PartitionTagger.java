package dev.seqtrain.infer;

import dev.seqtrain.job.SequenceEnd;
import dev.seqtrain.metrics.BroadcastModel;
import dev.seqtrain.prepare.TaggedSequenceIndexer;
import dev.seqtrain.text.SequencePadding;
import dev.seqtrain.text.TextEncoder;
import dev.seqtrain.batch.TaggedBatchBuilder;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * Tags one partition of sentences on an executor: rows {@code (id, tokens)} → {@code (id, tokens, tags, probability,
 * untagged)}, a batch at a time with one borrowed network ({@link PooledScoring}). Tokens are encoded and padded
 * exactly as training did ({@link TaggedSequenceIndexer#encode}, {@code pad_sequences} with the model's maxlen,
 * padding and truncating) and batched as training did ({@link TaggedBatchBuilder}); each token gets the tag with the
 * highest softmax probability at its padded position.
 *
 * <p>Tokens that truncation cut (beyond {@code maxlen}: the first ones with {@code truncating: pre}, the last with
 * {@code post}) were never seen by the network: their tag and probability are null, and {@code untagged} counts them.
 */
public final class PartitionTagger implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.StringType, false)
            .add("tokens", DataTypes.createArrayType(DataTypes.StringType, false), false)
            .add("tags", DataTypes.createArrayType(DataTypes.StringType, true), false)
            .add("probability", DataTypes.createArrayType(DataTypes.DoubleType, true), false)
            .add("untagged", DataTypes.IntegerType, false);

    private final BroadcastModel model;
    private final Broadcast<TextEncoder> encoder;
    private final TaggedBatchBuilder builder;
    private final String[] tags;
    private final int maxlen;
    private final SequenceEnd padding;
    private final SequenceEnd truncating;
    private final int batchSize;

    /**
     * @param builder built as for training (masking); its batch size is ignored
     * @param tags    tag names in index order (labels.json)
     */
    public PartitionTagger(BroadcastModel model, Broadcast<TextEncoder> encoder, TaggedBatchBuilder builder,
                           List<String> tags, int maxlen, SequenceEnd padding, SequenceEnd truncating, int batchSize) {
        this.model = model;
        this.encoder = encoder;
        this.builder = builder;
        this.tags = tags.toArray(new String[0]);
        this.maxlen = maxlen;
        this.padding = padding;
        this.truncating = truncating;
        this.batchSize = batchSize;
    }

    /** Rows with {@code id} at 0 and {@code tokens} (array of strings) at 1. */
    public Iterator<Row> tag(Iterator<Row> rows) {
        return PooledScoring.score(model, rows, batchSize, this::tagBatch);
    }

    private void tagBatch(MultiLayerNetwork network, List<Row> batch, Deque<Row> out) {
        TextEncoder enc = encoder.value();
        int n = batch.size();
        int[][] ids = new int[n][];
        int[][] unlabelled = new int[n][maxlen];
        for (int i = 0; i < n; i++) {
            ids[i] = SequencePadding.pad(TaggedSequenceIndexer.encode(enc, batch.get(i).getList(1)), maxlen, padding,
                    truncating, 0);
            Arrays.fill(unlabelled[i], TaggedSequenceIndexer.NO_TAG);
        }
        TaggedBatchBuilder.Cut cut = builder.cut(ids, unlabelled);
        DataSet ds = cut.data();
        INDArray output = network.output(ds.getFeatures(), false, ds.getFeaturesMaskArray(), null);  // [n, C, len]
        int classes = (int) output.size(1);
        int len = (int) output.size(2);
        double[] p = output.dup('c').data().asDouble();
        for (int i = 0; i < n; i++) {
            List<String> tokens = batch.get(i).getList(1);
            SequencePadding.Kept kept = SequencePadding.kept(tokens.size(), maxlen, padding, truncating);
            String[] tagged = new String[tokens.size()];
            Double[] probability = new Double[tokens.size()];
            for (int k = 0; k < kept.count(); k++) {
                int column = kept.firstSlot() + k - cut.start();
                int best = 0;
                for (int c = 1; c < classes; c++) {
                    if (p[(i * classes + c) * len + column] > p[(i * classes + best) * len + column]) best = c;
                }
                tagged[kept.firstItem() + k] = tags[best];
                probability[kept.firstItem() + k] = p[(i * classes + best) * len + column];
            }
            out.addLast(RowFactory.create(batch.get(i).getString(0), tokens.toArray(new String[0]), tagged,
                    probability, tokens.size() - kept.count()));
        }
    }
}
