package dev.seqtrain.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seqtrain.job.JobSpec;
import dev.seqtrain.job.JobSpecLoader;
import dev.seqtrain.model.ModelInput;
import dev.seqtrain.model.ModelPlan;
import dev.seqtrain.prepare.PreparedData;
import dev.seqtrain.store.ModelArtifacts;
import dev.seqtrain.store.ModelDirectory;
import dev.seqtrain.store.HadoopFiles;
import dev.seqtrain.text.TokenizerJson;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/** The train stage: prepared data → model plan → parameter-averaging epochs → final evaluation → model directory. */
public final class TrainJob {
    private static final Logger LOG = LoggerFactory.getLogger("seqtrain");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SparkSession spark;
    private final HadoopFiles files;

    public TrainJob(SparkSession spark, HadoopFiles files) {
        this.spark = spark;
        this.files = files;
    }

    /** The outcome written to metrics.json, also reported on the CLI's status line. */
    public record Outcome(String modelDir, Map<String, Double> metrics, List<EpochRecord> history) {
    }

    public static ModelPlan plan(JobSpec spec, PreparedData prepared) {
        return ModelPlan.of(spec.model(), new ModelInput(prepared.vocabulary().inputDim(), prepared.maxlen(),
                prepared.labels().size()), RowBatchers.layout(prepared.labels()));
    }

    public Outcome run(JobSpec spec, PreparedData prepared) {
        ModelPlan plan = plan(spec, prepared);
        LOG.info("model:\n{}", plan.summary());
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        SparkTrainer trainer = new SparkTrainer(jsc, spec.training());
        RowBatcher batches = RowBatchers.of(plan, prepared.labels().size(), spec);
        int partitions = trainer.workers();
        PreparedBatches train = new PreparedBatches(spark, prepared.trainPath(), prepared.format(), batches, partitions);
        PreparedBatches validation = new PreparedBatches(spark, prepared.validationPath(), prepared.format(), batches, partitions);
        LOG.info(String.format("training on %,d examples, validating on %,d; %d workers, batch %d per worker, "
                        + "averaging every %d batches", prepared.trainRows(), prepared.validationRows(), partitions,
                spec.training().batchSizePerWorker(), spec.training().averagingFrequency()));

        SparkTrainer.Result result = trainer.fit(plan, train, validation);
        Map<String, Double> metrics = result.history().get(result.history().size() - 1).validation();

        ArrayNode history = JSON.createArrayNode();
        result.history().forEach(r -> history.add(r.toJson(JSON)));
        ObjectNode metricsJson = JSON.createObjectNode();
        metrics.forEach(metricsJson::put);
        metricsJson.put("split", "validation");
        metricsJson.put("examples", prepared.validationRows());
        metricsJson.put("task", plan.task().name().toLowerCase());

        new ModelDirectory(files).write(spec.output().dir(), spec.output().ifExists(), new ModelArtifacts(
                result.network(), TokenizerJson.write(prepared.vocabulary()), prepared.labels().toJson(),
                JobSpecLoader.toYaml(spec.withText(spec.text().withMaxlen(prepared.maxlen()))), history.toPrettyString() + "\n", metricsJson.toPrettyString() + "\n",
                plan.summary() + "\n"));
        LOG.info("wrote model directory {}", spec.output().dir());
        return new Outcome(spec.output().dir(), metrics, result.history());
    }
}
