package dev.seqtrain.infer;

import dev.seqtrain.metrics.Bleu;
import dev.seqtrain.metrics.BroadcastModel;
import dev.seqtrain.metrics.EditDistance;
import dev.seqtrain.model.seq2seq.BeamSearch;
import dev.seqtrain.model.seq2seq.Seq2SeqPredictor;
import dev.seqtrain.text.TargetSequences;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What an encoder-decoder writes when left alone, scored against the references: each prepared pair's source
 * decoded (greedily or by beam search) on an executor and compared, token by token, with its target: exact match, token error rate
 * (edit distance over reference tokens: a phoneme or character error rate) and corpus BLEU, merged over partitions.
 */
public final class DecodedScores implements Serializable {
    private final EditDistance edits = new EditDistance();
    private final Bleu bleu = new Bleu();

    /** Rows {@code (ids, decoder_output)} of prepared pairs, each scored by its best hypothesis. */
    public static DecodedScores of(JavaRDD<Row> pairs, BroadcastModel network, TargetSequences target,
                                   PredictJob.Decoding decoding) {
        decoding.search(target.maxlen()); // refuses bad settings on the driver
        return pairs.mapPartitions((Iterator<Row> rows) -> {
            DecodedScores s = new DecodedScores();
            if (!rows.hasNext()) return List.of(s).iterator();
            MultiLayerNetwork net = network.borrow();
            try {
                Seq2SeqPredictor predictor = new Seq2SeqPredictor(net, target);
                BeamSearch search = decoding.search(target.maxlen());
                while (rows.hasNext()) {
                    Row r = rows.next();
                    int[] source = ints(r.getList(0));
                    List<Integer> reference = boxed(target.strip(ints(r.getList(1))));
                    s.add(predictor.decode(source, search).get(0).tokens(), reference);
                }
            } finally {
                network.giveBack(net);
            }
            return List.of(s).iterator();
        }).reduce(DecodedScores::merge);
    }

    void add(List<Integer> hypothesis, List<Integer> reference) {
        edits.add(hypothesis, reference);
        bleu.add(hypothesis, reference);
    }

    DecodedScores merge(DecodedScores other) {
        edits.merge(other.edits);
        bleu.merge(other.bleu);
        return this;
    }

    /** {@code exact_match}, {@code token_error_rate}, {@code bleu}. */
    public void writeTo(Map<String, Double> metrics) {
        metrics.put("exact_match", edits.exactMatch());
        metrics.put("token_error_rate", edits.errorRate());
        metrics.put("bleu", bleu.score());
    }

    private static int[] ints(List<Integer> list) {
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) out[i] = list.get(i);
        return out;
    }

    private static List<Integer> boxed(int[] a) {
        List<Integer> out = new ArrayList<>(a.length);
        for (int x : a) out.add(x);
        return out;
    }
}
