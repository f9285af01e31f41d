package dev.seqtrain.prepare;

import dev.seqtrain.batch.PreparedColumns;
import dev.seqtrain.corpus.CorpusSchemas;
import dev.seqtrain.job.TextSpec;
import dev.seqtrain.text.SequencePadding;
import dev.seqtrain.text.TargetSequences;
import dev.seqtrain.text.TextEncoder;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

import java.io.Serializable;

import static org.apache.spark.sql.functions.col;

/**
 * Pairs {@code (id, text = source, label = target)} → {@link PairSequence}s on executors: the source encoded and padded
 * as {@code text.source} says, the target encoded and turned into the decoder's shifted input and output
 * ({@link TargetSequences}). A pair with an empty side or a target longer than {@code text.target.maxlen} allows
 * gets a reason instead: {@link #good} and {@link #rejected} split them.
 */
public final class PairIndexer implements Serializable {

    private final Broadcast<TextEncoder> source;
    private final Broadcast<TextEncoder> target;
    private final TargetSequences sequences;
    private final TextSpec sourceText;
    private final int sourceMaxlen;

    public PairIndexer(Broadcast<TextEncoder> source, Broadcast<TextEncoder> target, TargetSequences sequences,
                       TextSpec sourceText, int sourceMaxlen) {
        this.source = source;
        this.target = target;
        this.sequences = sequences;
        this.sourceText = sourceText;
        this.sourceMaxlen = sourceMaxlen;
    }

    /** Every pair indexed or rejected; persist it when both {@link #good} and {@link #rejected} are read. */
    public Dataset<PairSequence> index(Dataset<Row> pairs) {
        MapFunction<Row, PairSequence> one = r -> index(r.getString(0), r.getString(1),
                r.isNullAt(2) ? null : r.getString(2));
        return pairs.select(CorpusSchemas.ID, CorpusSchemas.TEXT, CorpusSchemas.LABEL)
                .map(one, Encoders.bean(PairSequence.class));
    }

    PairSequence index(String id, String sourceRaw, String targetRaw) {
        TextEncoder.Encoded src = source.value().encodeCounting(sourceRaw);
        if (src.tokens() == 0) {
            return PairSequence.rejected(id, "empty source: no token after the text.source tokenizer");
        }
        if (targetRaw == null) return PairSequence.rejected(id, "no target");
        TextEncoder.Encoded tgt = target.value().encodeCounting(targetRaw);
        int[] targetIds = tgt.ids();
        if (targetIds.length == 0) {
            return PairSequence.rejected(id, "empty target: no token of the target vocabulary after the text.target "
                    + "tokenizer");
        }
        if (!sequences.fits(targetIds.length)) {
            return PairSequence.rejected(id, "target of " + targetIds.length + " tokens is longer than "
                    + "text.target.maxlen " + sequences.maxlen() + " allows with the end token ("
                    + (sequences.maxlen() - 1) + ")");
        }
        int[] ids = src.ids();
        int oov = src.tokens() - known(ids, source.value().oovIndex());
        int[] padded = SequencePadding.pad(ids, sourceMaxlen, sourceText.padding(), sourceText.truncating(),
                sourceText.value());
        return PairSequence.good(id, padded, ids.length, sequences.input(targetIds), sequences.output(targetIds),
                targetIds.length, oov);
    }

    private static int known(int[] ids, int oovIndex) {
        int n = 0;
        for (int id : ids) if (id != oovIndex) n++;
        return n;
    }

    /** The indexed pairs, in {@link PreparedColumns#PAIRS}. */
    public static Dataset<Row> good(Dataset<PairSequence> indexed) {
        return indexed.filter(col("reason").isNull()).select(col("id"), col("ids"), col("length"),
                col("decoderInput").as(PreparedColumns.DECODER_INPUT),
                col("decoderOutput").as(PreparedColumns.DECODER_OUTPUT),
                col("targetLength").as(PreparedColumns.TARGET_LENGTH), col("oov"));
    }

    /** The rejected pairs as rejected rows ({@code source} = the row's id, {@code reason}). */
    public static Dataset<Row> rejected(Dataset<PairSequence> indexed) {
        return indexed.filter(col("reason").isNotNull()).select(col("id").as(CorpusSchemas.SOURCE),
                col("reason").as(CorpusSchemas.REASON), org.apache.spark.sql.functions.lit(null)
                        .cast(DataTypes.StringType).as(CorpusSchemas.RAW));
    }
}
