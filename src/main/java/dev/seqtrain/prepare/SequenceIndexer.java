package dev.seqtrain.prepare;

import dev.seqtrain.job.SequenceEnd;
import dev.seqtrain.batch.PreparedColumns;
import dev.seqtrain.text.LabelIndex;
import dev.seqtrain.text.SequencePadding;
import dev.seqtrain.text.TextEncoder;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.SparkSession;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Iterator;

/**
 * Tokenize → encode with the broadcast vocabulary → pad/truncate, on executors: {@code (id, text, label)} rows become
 * {@code (id, ids, length, label, oov)}. {@code length} is the encoded length before padding or truncation; {@code oov}
 * counts tokens that got the OOV id or were dropped.
 */
public final class SequenceIndexer implements Serializable {
    private static final Column[] COLUMNS = Arrays.stream(PreparedColumns.CLASSIFIED.fieldNames()).map(functions::col).toArray(Column[]::new);

    private final Broadcast<TextEncoder> encoder;
    private final Broadcast<LabelIndex> labels;
    private final int maxlen;
    private final SequenceEnd padding;
    private final SequenceEnd truncating;
    private final int value;

    public SequenceIndexer(Broadcast<TextEncoder> encoder, Broadcast<LabelIndex> labels, int maxlen, SequenceEnd padding,
                           SequenceEnd truncating, int value) {
        this.encoder = encoder;
        this.labels = labels;
        this.maxlen = maxlen;
        this.padding = padding;
        this.truncating = truncating;
        this.value = value;
    }

    /** Rows {@code (id, text, label)}; a null label (unlabelled input) becomes -1. */
    public Dataset<Row> index(SparkSession spark, Dataset<Row> corpus) {
        // row by row: collecting a partition's padded rows first would hold maxlen ids per document on the heap
        MapPartitionsFunction<Row, IndexedSequence> indexPartition = it -> {
            TextEncoder enc = encoder.value();
            LabelIndex li = labels == null ? null : labels.value();
            int oovIndex = enc.oovIndex();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public IndexedSequence next() {
                    Row r = it.next();
                    TextEncoder.Encoded encoded = enc.encodeCounting(r.getString(1));
                    int[] ids = encoded.ids();
                    int known = 0;
                    for (int id : ids) if (id != oovIndex) known++;
                    int[] padded = SequencePadding.pad(ids, maxlen, padding, truncating, value);
                    String label = r.isNullAt(2) ? null : r.getString(2);
                    int labelIndex = label == null || li == null ? -1 : li.indexOf(label);
                    return new IndexedSequence(r.getString(0), padded, ids.length, labelIndex, encoded.tokens() - known);
                }
            };
        };
        return corpus.select("id", "text", "label")
                .mapPartitions(indexPartition, Encoders.bean(IndexedSequence.class))
                .select(COLUMNS);
    }

    /** Encoded lengths only: what pad_sequences needs when maxlen is not given (the longest sequence). */
    public static int longest(Dataset<Row> corpus, Broadcast<TextEncoder> encoder) {
        Integer max = corpus.select("text").javaRDD()
                .map(r -> encoder.value().encode(r.getString(0)).length)
                .fold(0, Math::max);
        return Math.max(1, max);
    }
}
