package dev.seqtrain.train;

import dev.seqtrain.errors.SeqtrainException;
import dev.seqtrain.store.HadoopFiles;
import dev.seqtrain.text.Vocabulary;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * {@code embedding.embeddings_file}: word2vec / GloVe vectors in text form ({@code token v1 ... vD} per line, an
 * optional word2vec header line {@code N D}) copied into the embedding's rows for the tokens of the vocabulary that
 * can get an id. Streamed on the driver: it keeps only the vocabulary's rows (input_dim × output_dim), never the file.
 * Tokens missing from the file keep their random initialisation, as in Keras with a partial weights matrix.
 */
public final class PretrainedEmbeddings {
    private static final Logger LOG = LoggerFactory.getLogger("seqtrain");

    private PretrainedEmbeddings() {
    }

    /** Returns how many vocabulary rows were filled. */
    public static int apply(HadoopFiles files, String file, Vocabulary vocabulary, MultiLayerNetwork net, int layer) {
        INDArray weights = net.getLayer(layer).getParam("W"); // [input_dim, output_dim], row = token id
        int rows = (int) weights.rows();
        int dim = (int) weights.columns();
        int filled = 0;
        long lineNo = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(files.open(new Path(file)), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                String[] parts = line.trim().split(" ");
                if (parts.length < 2) continue;
                if (lineNo == 1 && parts.length == 2 && parts[0].matches("\\d+") && parts[1].matches("\\d+")) continue;
                Integer id = vocabulary.index(parts[0]);
                if (id == null || id >= rows) continue;
                if (parts.length - 1 != dim) {
                    throw SeqtrainException.input(String.format(Locale.ROOT, "%s:%d: %d values for '%s', but the "
                            + "embedding's output_dim is %d", file, lineNo, parts.length - 1, parts[0], dim));
                }
                float[] v = new float[dim];
                for (int i = 0; i < dim; i++) v[i] = Float.parseFloat(parts[i + 1]);
                weights.putRow(id, Nd4j.create(v).castTo(weights.dataType()));
                filled++;
            }
        } catch (NumberFormatException e) {
            throw SeqtrainException.input(file + ":" + lineNo + ": not a number: " + e.getMessage(), e);
        } catch (IOException e) {
            throw SeqtrainException.input(file + ": cannot read the embeddings file: " + e.getMessage(), e);
        }
        int candidates = Math.min(rows - 1, vocabulary.size());
        LOG.info(String.format(Locale.ROOT, "embeddings_file: %,d of %,d vocabulary ids found in %s (%.1f%%)", filled,
                candidates, file, 100.0 * filled / Math.max(1, candidates)));
        return filled;
    }
}
