package dev.seqtrain.bench;

import dev.seqtrain.batch.BatchBuilder;
import dev.seqtrain.job.BatchingSpec.Padding;
import dev.seqtrain.job.JobSpec;
import dev.seqtrain.job.JobSpecLoader;
import dev.seqtrain.model.ModelInput;
import dev.seqtrain.model.ModelPlan;
import dev.seqtrain.text.TextEncoder;
import dev.seqtrain.text.Vocabulary;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * The accuracy side of issue #14 without Spark (for a loaded machine): MR as spark-jobs/mr-lstm.yaml prepares it (the
 * same Keras tokenizer and padding, from text/), the job's network trained in one JVM, fixed padding against dynamic
 * padding with length buckets, the same seed and the same shuffled order per epoch; validation accuracy after each
 * epoch (validation batched dynamically: exact).
 *
 * <pre>MrBatchingAccuracy [EPOCHS SEEDS BUCKETS]   (default 3 "42" 8; SEEDS comma-separated)</pre>
 */
public final class MrBatchingAccuracy {

    public static void main(String[] args) throws Exception {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        long[] seeds = Arrays.stream((args.length > 1 ? args[1] : "42").split(",")).mapToLong(Long::parseLong).toArray();
        int buckets = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        JobSpec spec = JobSpecLoader.load(Path.of("spark-jobs/mr-lstm.yaml"), List.of());
        Path corpus = Path.of("../shared/corpora/mr");
        if (!Files.isDirectory(corpus)) corpus = Path.of("/work/shared/corpora/mr");
        List<String[]> train = read(corpus.resolve("train.tsv"));
        List<String[]> test = read(corpus.resolve("test.tsv"));
        Vocabulary vocabulary = Vocabulary.fit(train.stream().map(r -> r[1]).toList(), spec.text());
        TextEncoder encoder = TextEncoder.of(vocabulary);
        int maxlen = spec.text().maxlen();
        List<Row> trainRows = rows(train, encoder);
        List<Row> testRows = rows(test, encoder);
        int batch = spec.training().batchSizePerWorker();
        boolean pre = "pre".equals(spec.text().padding());
        System.out.printf("MR: %d train / %d test, maxlen %d, batch %d, %d epochs, buckets %d, load %s%n",
                trainRows.size(), testRows.size(), maxlen, batch, epochs, buckets, BatchingBenchmark.loadavg());
        for (long seed : seeds) {
            for (Padding padding : List.of(Padding.FIXED, Padding.DYNAMIC)) {
                int b = padding == Padding.FIXED ? 1 : buckets;
                ModelPlan plan = ModelPlan.of(spec.model(), new ModelInput(vocabulary.inputDim(), maxlen, 2));
                MultiLayerNetwork net = plan.newNetwork(seed);
                BatchBuilder builder = new BatchBuilder(batch, 2, true, plan.masked(), pre, padding, b);
                BatchBuilder validation = new BatchBuilder(256, 2, true, plan.masked(), pre);
                long t0 = System.nanoTime();
                StringBuilder accuracies = new StringBuilder();
                for (int epoch = 1; epoch <= epochs; epoch++) {
                    List<Row> order = new ArrayList<>(trainRows);
                    Collections.shuffle(order, new Random(seed * 1_000_003L + epoch));
                    Iterator<DataSet> it = builder.batches(builder.buckets().reorder(order.iterator(), 0, seed + epoch));
                    while (it.hasNext()) net.fit(it.next());
                    accuracies.append(String.format(" %.4f", accuracy(net, validation, testRows)));
                }
                System.out.printf("seed %d %-7s buckets %d: val_accuracy by epoch%s  (%.0f s, load %s)%n", seed,
                        padding, b, accuracies, (System.nanoTime() - t0) / 1e9, BatchingBenchmark.loadavg());
            }
        }
    }

    private static double accuracy(MultiLayerNetwork net, BatchBuilder builder, List<Row> rows) {
        int right = 0;
        int i = 0;
        Iterator<DataSet> it = builder.batches(rows.iterator());
        while (it.hasNext()) {
            DataSet d = it.next();
            INDArray out = net.output(d.getFeatures(), false, d.getFeaturesMaskArray(), null);
            for (int k = 0; k < d.numExamples(); k++, i++) {
                if ((out.getDouble(k, 0) >= 0.5) == (d.getLabels().getDouble(k, 0) >= 0.5)) right++;
            }
        }
        return (double) right / i;
    }

    private static List<String[]> read(Path tsv) throws Exception {
        List<String[]> out = new ArrayList<>();
        for (String line : Files.readAllLines(tsv).subList(1, Files.readAllLines(tsv).size())) {
            int tab = line.indexOf('\t');
            out.add(new String[]{line.substring(0, tab), line.substring(tab + 1)});
        }
        return out;
    }

    /** Prepared rows {@code (ids, label, length)} as prepare writes them. */
    private static List<Row> rows(List<String[]> records, TextEncoder encoder) {
        List<Row> rows = new ArrayList<>();
        for (String[] r : records) {
            int length = encoder.encode(r[1]).length;
            List<Integer> ids = Arrays.stream(encoder.encodePadded(r[1])).boxed().toList();
            rows.add(RowFactory.create(scala.collection.JavaConverters.asScalaBuffer(ids).toSeq(),
                    Integer.parseInt(r[0]), length));
        }
        return rows;
    }
}
