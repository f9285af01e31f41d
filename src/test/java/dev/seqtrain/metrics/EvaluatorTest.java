package dev.seqtrain.metrics;

import dev.seqtrain.job.JobSpecLoader;
import dev.seqtrain.model.LabelLayout;
import dev.seqtrain.model.ModelInput;
import dev.seqtrain.model.ModelPlan;
import dev.seqtrain.model.Task;
import dev.seqtrain.testing.LocalSpark;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.evaluation.EvaluationAveraging;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.evaluation.classification.ROC;
import org.nd4j.evaluation.regression.RegressionEvaluation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The one-pass evaluation on Spark ({@code local[2]}) against DL4J's distributed scoring and evaluation (what
 * validation used before: {@code calculateScore}, then {@code doEvaluation}) on the same network and batches:
 * the same metrics, the loss in Keras' units, and one pass over the data instead of two.
 */
class EvaluatorTest {
    private static final int VOCABULARY = 50;
    private static final int T = 12;
    private static final int BATCHES = 6;
    private static final int BATCH = 16;
    /** Batches read by the RDD under test: in local mode the executors are this JVM. */
    private static final AtomicLong READ = new AtomicLong();

    private final JavaSparkContext jsc = JavaSparkContext.fromSparkContext(LocalSpark.session().sparkContext());

    @BeforeEach
    void reset() {
        READ.set(0);
    }

    private static ModelPlan plan(int classes, LabelLayout layout, String... layers) {
        StringBuilder yaml = new StringBuilder("name: t\noutput: {dir: /tmp/seqtrain-test}\nmodel:\n  layers:\n");
        for (String l : layers) yaml.append("    ").append(l).append('\n');
        return ModelPlan.of(JobSpecLoader.parse("test.yaml", yaml.toString(), List.of()).model(),
                new ModelInput(VOCABULARY, T, classes), layout);
    }

    /** Token ids with a per-row length (post-padding, mask_zero), labels from {@code labels}. */
    private static List<DataSet> batches(long seed, LabelMaker labels) {
        Random r = new Random(seed);
        List<DataSet> out = new ArrayList<>();
        for (int b = 0; b < BATCHES; b++) {
            INDArray ids = Nd4j.zeros(BATCH, T);
            INDArray mask = Nd4j.zeros(BATCH, T);
            for (int i = 0; i < BATCH; i++) {
                int len = 3 + r.nextInt(T - 2);
                for (int t = 0; t < len; t++) {
                    ids.putScalar(i, t, 1 + r.nextInt(VOCABULARY - 1));
                    mask.putScalar(i, t, 1);
                }
            }
            out.add(labels.make(ids, mask, r));
        }
        return out;
    }

    interface LabelMaker {
        DataSet make(INDArray ids, INDArray mask, Random r);
    }

    /** The RDD under test, counting every batch read from it. */
    private JavaRDD<DataSet> rdd(List<DataSet> data) {
        return jsc.parallelize(data, 3).map(ds -> {
            READ.incrementAndGet();
            return ds;
        });
    }

    /** DL4J's Spark network on a copy: its distributed scoring closes the network it broadcast. */
    private SparkDl4jMultiLayer dl4j(MultiLayerNetwork net) {
        return new SparkDl4jMultiLayer(jsc, net.clone(),
                new ParameterAveragingTrainingMaster.Builder(2, BATCH).batchSizePerWorker(BATCH).build());
    }

    @Test
    void binaryMetricsAndLossMatchDl4jsFromOnePass() {
        ModelPlan plan = plan(2, null, "- embedding: {output_dim: 8, mask_zero: true}", "- lstm: {units: 6}",
                "- dense: {units: 1, activation: sigmoid}");
        MultiLayerNetwork net = plan.newNetwork(7);
        List<DataSet> data = batches(1, (ids, mask, r) -> {
            INDArray y = Nd4j.zeros(ids.size(0), 1);
            for (int i = 0; i < ids.size(0); i++) y.putScalar(i, 0, ids.getDouble(i, 0) > VOCABULARY / 2.0 ? 1 : 0);
            return new DataSet(ids, y, mask, null);
        });

        Map<String, Double> m = Evaluator.evaluate(jsc, net, rdd(data), Task.BINARY, KerasLoss.of(plan.loss())).metrics();
        assertEquals(BATCHES, READ.get(), "one pass over the batches");

        double score = dl4j(net).calculateScore(jsc.parallelize(data, 3), true, BATCH);
        Evaluation e = dl4j(net).doEvaluation(jsc.parallelize(data, 3), BATCH, new Evaluation())[0];
        ROC roc = dl4j(net).doEvaluation(jsc.parallelize(data, 3), BATCH, new ROC())[0];
        assertEquals(score, m.get("loss"), 1e-5);
        assertEquals(e.accuracy(), m.get("accuracy"), 1e-12);
        assertEquals(e.precision(1), m.get("precision"), 1e-12);
        assertEquals(e.recall(1), m.get("recall"), 1e-12);
        assertEquals(e.f1(1), m.get("f1"), 1e-12);
        assertEquals(roc.calculateAUC(), m.get("auc"), 1e-12);
    }

    @Test
    void multiClassMetricsMatchDl4js() {
        ModelPlan plan = plan(3, null, "- embedding: {output_dim: 8, mask_zero: true}", "- gru: {units: 6}",
                "- dense: {units: 3, activation: softmax}");
        MultiLayerNetwork net = plan.newNetwork(8);
        List<DataSet> data = batches(2, (ids, mask, r) -> {
            INDArray y = Nd4j.zeros(ids.size(0), 3);
            for (int i = 0; i < ids.size(0); i++) y.putScalar(i, (int) ids.getDouble(i, 0) % 3, 1);
            return new DataSet(ids, y, mask, null);
        });

        OnePassEvaluation one = Evaluator.evaluate(jsc, net, rdd(data), Task.MULTICLASS, KerasLoss.of(plan.loss()));
        Map<String, Double> m = one.metrics();
        assertEquals(BATCHES, READ.get(), "one pass over the batches");

        double score = dl4j(net).calculateScore(jsc.parallelize(data, 3), true, BATCH);
        Evaluation e = dl4j(net).doEvaluation(jsc.parallelize(data, 3), BATCH, new Evaluation())[0];
        assertEquals(score, m.get("loss"), 1e-5);
        assertEquals(e.accuracy(), m.get("accuracy"), 1e-12);
        assertEquals(e.f1(EvaluationAveraging.Macro), m.get("macro_f1"), 1e-12);
        ClassificationReport report = one.report(List.of("a", "b", "c")).orElseThrow();
        assertEquals(BATCHES * BATCH, report.total());
        for (int a = 0; a < 3; a++) {
            for (int p = 0; p < 3; p++) assertEquals(e.getConfusionMatrix().getCount(a, p), report.count(a, p));
        }
    }

    @Test
    void taggerLossIsPerRealTokenWhereDl4jsScoreSumsEachSentence() {
        ModelPlan plan = plan(4, LabelLayout.PER_TOKEN, "- embedding: {output_dim: 8, mask_zero: true}",
                "- lstm: {units: 6, return_sequences: true}", "- dense: {units: 4, activation: softmax}");
        MultiLayerNetwork net = plan.newNetwork(9);
        List<DataSet> data = batches(3, (ids, mask, r) -> {
            INDArray y = Nd4j.zeros(ids.size(0), 4, T);
            for (int i = 0; i < ids.size(0); i++) {
                for (int t = 0; t < T; t++) y.putScalar(new int[]{i, (int) ids.getDouble(i, t) % 4, t}, 1);
            }
            return new DataSet(ids, y, mask, mask);
        });
        long tokens = data.stream().mapToLong(d -> d.getLabelsMaskArray().sumNumber().longValue()).sum();
        long sentences = (long) BATCHES * BATCH;

        OnePassEvaluation one = Evaluator.evaluate(jsc, net, rdd(data), Task.TAGGING, KerasLoss.of(plan.loss()));
        assertEquals(BATCHES, READ.get(), "one pass over the batches");
        assertEquals(tokens, one.lossTerms());

        double perSentenceSum = dl4j(net).calculateScore(jsc.parallelize(data, 3), true, BATCH);
        Evaluation e = dl4j(net).doEvaluation(jsc.parallelize(data, 3), BATCH, new Evaluation())[0];
        assertEquals(perSentenceSum * sentences / tokens, one.metrics().get("loss"), 1e-5);
        assertEquals(e.accuracy(), one.metrics().get("accuracy"), 1e-12);
        // about ln(4) per token at initialisation, several times that per sentence
        assertEquals(Math.log(4), one.metrics().get("loss"), 0.3);
    }

    @Test
    void regressionMetricsMatchDl4jsAndTheLossIsTheMse() {
        ModelPlan plan = plan(0, null, "- embedding: {output_dim: 8, mask_zero: true}", "- simple_rnn: {units: 6}",
                "- dense: {units: 1, activation: linear}");
        MultiLayerNetwork net = plan.newNetwork(10);
        List<DataSet> data = batches(4, (ids, mask, r) -> {
            INDArray y = Nd4j.zeros(ids.size(0), 1);
            for (int i = 0; i < ids.size(0); i++) y.putScalar(i, 0, r.nextGaussian());
            return new DataSet(ids, y, mask, null);
        });

        Map<String, Double> m = Evaluator.evaluate(jsc, net, rdd(data), Task.REGRESSION, KerasLoss.of(plan.loss()))
                .metrics();
        assertEquals(BATCHES, READ.get(), "one pass over the batches");

        // DL4J's evaluation of all outputs in one piece (its merged distributed r2 depends on the partitioning)
        RegressionEvaluation e = new RegressionEvaluation();
        double sy = 0, syy = 0, sse = 0;
        long n = 0;
        for (DataSet d : data) {
            INDArray out = net.output(d.getFeatures(), false, d.getFeaturesMaskArray(), null);
            e.eval(d.getLabels(), out);
            for (int i = 0; i < out.size(0); i++) {
                double y = d.getLabels().getDouble(i, 0);
                double err = out.getDouble(i, 0) - y;
                sy += y;
                syy += y * y;
                sse += err * err;
                n++;
            }
        }
        assertEquals(e.meanSquaredError(0), m.get("mse"), 1e-6);
        assertEquals(e.meanAbsoluteError(0), m.get("mae"), 1e-6);
        assertEquals(1 - sse / (syy - sy * sy / n), m.get("r2"), 1e-6);
        assertEquals(m.get("mse"), m.get("loss"), 1e-6);
    }
}
