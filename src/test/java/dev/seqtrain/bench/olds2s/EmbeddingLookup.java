package dev.seqtrain.bench.olds2s;

import dev.seqtrain.model.seq2seq.Seq2SeqShape;
import dev.seqtrain.model.seq2seq.StateMerge;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** An embedding table looked up by ids [mb, T] into time-major vectors [T, mb, D], and its gradient as row sums. */
final class EmbeddingLookup {

    private EmbeddingLookup() {
    }

    /** Time-major ids: entry t·mb + b is example b's id at step t. */
    static int[] ids(INDArray ids, long rows) {
        int mb = (int) ids.size(0);
        int t = (int) ids.size(1);
        int[] out = new int[mb * t];
        for (int s = 0; s < t; s++) {
            for (int b = 0; b < mb; b++) {
                double v = ids.getDouble(b, s);
                int id = (int) v;
                if (id != v || id < 0 || id >= rows) {
                    throw new IllegalArgumentException("id " + v + " at example " + b + ", step " + s
                            + " is outside the embedding's " + rows + " rows");
                }
                out[s * mb + b] = id;
            }
        }
        return out;
    }

    static INDArray forward(INDArray table, int[] ids, long steps, long minibatch) {
        return Nd4j.pullRows(table, 1, ids).reshape('c', steps, minibatch, table.size(1));
    }

    /** Writes dL/d(table) into {@code dTable} (overwritten) from dL/d(vectors) [T, mb, D]. */
    static void backward(INDArray dVectors, int[] ids, INDArray dTable) {
        dTable.assign(0);
        INDArray rows = dVectors.reshape('c', ids.length, dTable.size(1));
        for (int i = 0; i < ids.length; i++) {
            dTable.getRow(ids[i]).addi(rows.getRow(i));
        }
    }
}
