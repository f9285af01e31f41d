package dev.seqtrain.model.seq2seq;

import dev.seqtrain.model.embedding.EmbeddingRows;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An embedding table looked up by ids [mb, T] into time-major vectors [T, mb, D], and its gradient as row sums: the
 * kernel of seqtrain's embedding layer ({@link EmbeddingRows}).
 */
final class EmbeddingLookup {

    private EmbeddingLookup() {
    }

    /** Time-major ids: entry t·mb + b is example b's id at step t. */
    static int[] ids(INDArray ids, long rows) {
        return EmbeddingRows.timeMajorIds(ids, rows, "embedding lookup");
    }

    static INDArray forward(INDArray table, int[] ids, long steps, long minibatch) {
        INDArray out = Nd4j.createUninitialized(table.dataType(), steps, minibatch, table.size(1));
        EmbeddingRows.gather(table, ids, null, out);
        return out;
    }

    /** Writes dL/d(table) into {@code dTable} (overwritten) from dL/d(vectors) [T, mb, D]. */
    static void backward(INDArray dVectors, int[] ids, INDArray dTable) {
        INDArray rows = EmbeddingRows.contiguous(dVectors) ? dVectors : dVectors.dup('c');
        EmbeddingRows.scatterAdd(rows, ids, null, dTable);
    }
}
