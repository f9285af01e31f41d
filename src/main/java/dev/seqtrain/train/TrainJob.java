package dev.seqtrain.train;

import dev.seqtrain.batch.RowBatcher;
import dev.seqtrain.batch.RowBatchers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seqtrain.errors.ExitCode;
import dev.seqtrain.metrics.ClassificationReport;
import dev.seqtrain.metrics.Evaluator;
import dev.seqtrain.metrics.KerasLoss;
import dev.seqtrain.metrics.OnePassEvaluation;
import dev.seqtrain.errors.SeqtrainException;
import dev.seqtrain.job.JobSpec;
import dev.seqtrain.job.JobSpecLoader;
import dev.seqtrain.job.TaskKind;
import dev.seqtrain.model.LabelLayout;
import dev.seqtrain.model.ModelInput;
import dev.seqtrain.model.ModelPlan;
import dev.seqtrain.prepare.PreparedData;
import dev.seqtrain.store.AtomicDirectory;
import dev.seqtrain.store.Provenance;
import dev.seqtrain.store.Checkpoints;
import dev.seqtrain.store.HadoopFiles;
import dev.seqtrain.store.ModelArtifacts;
import dev.seqtrain.store.ModelDirectory;
import dev.seqtrain.store.OutputKind;
import dev.seqtrain.store.WorkDirectories;
import dev.seqtrain.store.ModelFiles;
import dev.seqtrain.store.SigningKey;
import dev.seqtrain.text.TokenizerJson;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The train stage: prepared data → model plan → parameter-averaging epochs → model directory.
 *
 * <p>Everything is written into the run's own work directory {@code <output.dir>._work-<run id>/}: a checkpoint
 * per epoch under {@code checkpoints/epoch-NNNN/}, then the final files; one rename turns it into the model directory
 * (checkpoints included). A killed job therefore leaves no model directory (or the previous one) plus a work directory
 * that {@code --resume} continues in. The caller holds the output's lock ({@code OutputLock}).
 */
public final class TrainJob {
    private static final Logger LOG = LoggerFactory.getLogger("seqtrain");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SparkSession spark;
    private final HadoopFiles files;

    public TrainJob(SparkSession spark, HadoopFiles files) {
        this.spark = spark;
        this.files = files;
    }

    /**
     * The outcome written to metrics.json, also reported on the CLI's status line. {@code resumedFromEpoch} is 0
     * for a run that started from scratch.
     */
    public record Outcome(String modelDir, Map<String, Double> metrics, List<EpochRecord> history,
                          boolean stoppedEarly, int bestEpoch, int resumedFromEpoch) {
    }

    public static ModelPlan plan(JobSpec spec, PreparedData prepared) {
        boolean pairs = prepared.kind() == TaskKind.SEQ2SEQ;
        if (pairs != (TaskKind.of(spec) == TaskKind.SEQ2SEQ)) {
            throw SeqtrainException.input(prepared.dir() + ": prepared " + (pairs ? "pairs for" : "data not "
                    + "for") + " sequence to sequence, but the spec's model is " + (pairs ? "not " : "")
                    + "an encoder-decoder; prepare again with this spec");
        }
        if (pairs) {
            ModelPlan plan = ModelPlan.ofPairs(spec.model(), prepared.vocabulary().inputDim(), prepared.maxlen(),
                    prepared.target().sequences());
            EarlyStopping.checkMonitor(spec.training().earlyStopping(), plan.task());
            return plan;
        }
        int vocabulary = prepared.kind().tokenInput() ? prepared.vocabulary().inputDim() : 0;
        ModelPlan plan = ModelPlan.of(spec.model(), new ModelInput(vocabulary, prepared.maxlen(),
                prepared.labels().size()), LabelLayout.of(prepared.kind()))
                .withTruncatedBptt(spec.training().tbpttLength());
        PreparedFit.check(plan, prepared);
        EarlyStopping.checkMonitor(spec.training().earlyStopping(), plan.task());
        return plan;
    }

    public Outcome run(JobSpec spec, PreparedData prepared) {
        return run(spec, prepared, false);
    }

    /** Trains and commits the model directory; {@code resume} continues from the work directory's newest checkpoint. */
    public Outcome run(JobSpec spec, PreparedData prepared, boolean resume) {
        ModelPlan plan = plan(spec, prepared);
        Provenance provenance = Provenance.start("train", spec).preparedData(files, prepared.dir());
        // a key that cannot be read fails the job now, not after the first epoch
        ModelDirectory store = new ModelDirectory(files, SigningKey.resolve(spec.output().signingKey(), files));
        LOG.info("model:\n{}", plan.summary());
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        WorkDirectories work = new WorkDirectories(files, spec.output().dir());
        String runId = WorkDirectories.newRunId();
        SparkTrainer trainer = new SparkTrainer(jsc, spec.training())
                .exportTo(work.batchesForRun(runId).toString());
        RowBatcher batches = RowBatchers.of(prepared.kind(), plan, prepared.labels().size(), spec,
                spec.training().batchSizePerWorker());
        int partitions = trainer.workers();
        PreparedBatches train = PreparedBatches.train(spark, prepared, batches, partitions);
        // inference keeps no backprop state: validation runs in larger batches than training
        PreparedBatches validation = PreparedBatches.validation(spark, prepared,
                Evaluator.batcher(prepared.kind(), plan, prepared.labels().size(), spec, spec.evaluation().batchSize()),
                partitions);

        Path workDir = resume ? work.newestCheckpoint().map(WorkDirectories.Resumable::workDir).orElse(work.forRun(runId))
                : work.forRun(runId);
        if (!resume) work.removeAllBut(workDir);
        AtomicDirectory out = AtomicDirectory.resumable(files, spec.output().dir(), spec.output().ifExists(),
                OutputKind.MODEL, workDir);
        Checkpoints checkpoints = new Checkpoints(files, new Path(out.path(), Checkpoints.DIR), store.key());
        TrainingStart start = start(plan, spec, prepared, checkpoints, store, resume);
        LOG.info(String.format("training on %,d examples, validating on %,d; %d workers, batch %d per worker, "
                        + "averaging every %d batches", prepared.trainRows(), prepared.validationRows(), partitions,
                spec.training().batchSizePerWorker(), spec.training().averagingFrequency()));

        Artifacts artifacts = new Artifacts(spec, prepared, plan, start.epochsDone());
        EpochListener listener = spec.output().checkpoints()
                ? (net, history, stopping) -> {
                    int epoch = history.get(history.size() - 1).epoch();
                    Path p = checkpoints.write(epoch, artifacts.of(net, history, history.get(history.size() - 1).validation(),
                            null, null), checkpointJson(epoch, stopping));
                    LOG.info("checkpoint {}", p);
                }
                : EpochListener.NONE;

        SparkTrainer.Result result;
        try {
            result = trainer.fit(plan, train, validation, start, listener);
        } catch (SeqtrainException e) {
            if (e.exitCode() != ExitCode.DIVERGED) throw e;
            OptionalInt good = checkpoints.latest();
            throw new SeqtrainException(ExitCode.DIVERGED, e.getMessage() + (good.isPresent()
                    ? "; the last good checkpoint is " + checkpoints.path(good.getAsInt()) + " (continue from it with --resume)"
                    : ""), e);
        }
        Map<String, Double> metrics = result.finalMetrics();
        // the confusion matrix of the final weights goes into metrics.json only, not into every epoch's history
        // the last validation already holds them unless the final weights were evaluated before a resume
        OnePassEvaluation last = result.finalEvaluation() != null ? result.finalEvaluation()
                : Evaluator.evaluate(jsc, result.network(), validation.inOrder(), plan.task(), KerasLoss.of(plan.loss()));
        ClassificationReport confusion = last.report(prepared.labels().labels()).orElse(null);
        ModelArtifacts finalArtifacts = artifacts.of(result.network(), result.history(), metrics, result, confusion);
        store.writeInto(out.path(), finalArtifacts);
        String monitor = spec.training().earlyStopping() != null
                ? spec.training().earlyStopping().monitor().toString() : null;
        files.writeBytes(out.file(ModelDirectory.CURVES),
                TrainingCurves.png(spec.name(), result.history(), monitor, result.bestEpoch()));
        if (result.sparkStats() != null) writeSparkStats(out, result, start.epochsDone());
        provenance.writeInto(files, out.path()); // before the seal: the manifest lists and guards it
        store.seal(out.path());
        out.commit();
        work.removeAllBut(null);
        LOG.info("wrote model directory {}", spec.output().dir());
        return new Outcome(spec.output().dir(), metrics, result.history(), result.stoppedEarly(), result.bestEpoch(),
                start.epochsDone());
    }

    /**
     * spark-stats.html covers the epochs this run trained (after the checkpoint it resumed from). A page that cannot be
     * rendered is reported and left out: the trained model is not worth losing over it.
     */
    private void writeSparkStats(AtomicDirectory out, SparkTrainer.Result result, int resumedFrom) {
        try {
            files.writeBytes(out.file(ModelDirectory.SPARK_STATS), SparkStatsReport.html(result.sparkStats()));
            int last = result.history().get(result.history().size() - 1).epoch();
            LOG.info("{}: DL4J's Spark training statistics of epoch{} {}", ModelDirectory.SPARK_STATS,
                    last > resumedFrom + 1 ? "s" : "", last > resumedFrom + 1 ? (resumedFrom + 1) + "-" + last : last);
        } catch (RuntimeException e) {
            LOG.warn("{} not written: {}", ModelDirectory.SPARK_STATS, e.getMessage());
        }
    }

    /** A fresh network, or the state of the newest checkpoint in {@code checkpoints} under --resume. */
    private TrainingStart start(ModelPlan plan, JobSpec spec, PreparedData prepared, Checkpoints checkpoints,
                                ModelDirectory reader, boolean resume) {
        MultiLayerNetwork fresh = plan.newNetwork(spec.training().seed());
        // pre-trained vectors seed a fresh network; a checkpoint's weights replace them under --resume
        if (plan.embeddingsFile().isPresent() && plan.embeddingLayerIndex().isPresent()) {
            PretrainedEmbeddings.apply(files, plan.embeddingsFile().get(), prepared.vocabulary(), fresh,
                    plan.embeddingLayerIndex().getAsInt());
        }
        if (!resume) return TrainingStart.fresh(fresh);
        OptionalInt latest = checkpoints.latest();
        if (latest.isEmpty()) {
            LOG.info("--resume: no complete checkpoint in any {}-* directory; starting from scratch",
                    spec.output().dir().replaceAll("/+$", "") + WorkDirectories.WORK);
            return TrainingStart.fresh(fresh);
        }
        int epoch = latest.getAsInt();
        String dir = checkpoints.path(epoch).toString();
        ModelFiles saved = reader.open(dir);
        CheckpointRestore.transplant(saved.network(true), fresh, dir);
        List<EpochRecord> history = new ArrayList<>();
        try {
            for (JsonNode n : JSON.readTree(saved.string(ModelDirectory.HISTORY))) history.add(EpochRecord.fromJson(n));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir + "/" + ModelDirectory.HISTORY, e);
        }
        LOG.info("--resume: continuing after epoch {} from {}", epoch, dir);
        if (epoch >= spec.training().epochs()) {
            LOG.info("--resume: the checkpoint already has {} of training.epochs={} epochs; nothing left to train",
                    epoch, spec.training().epochs());
        }
        return new TrainingStart(fresh, history,
                e -> reader.loadNetwork(checkpoints.path(e).toString()).params());
    }

    private static String checkpointJson(int epoch, EarlyStopping stopping) {
        ObjectNode n = JSON.createObjectNode();
        n.put("epoch", epoch);
        if (stopping.enabled()) {
            n.put("monitor", stopping.monitor());
            n.put("best_epoch", stopping.bestEpoch());
            n.put("best", stopping.best());
        }
        return n.toPrettyString() + "\n";
    }

    /** The parts of a model directory that do not change during training, and how to complete them. */
    private static final class Artifacts {
        private final String tokenizer;
        private final String labels;
        private final String jobYaml;
        private final String summary;
        private final String targetTokenizer;
        private final PreparedData prepared;
        private final ModelPlan plan;
        private final int resumedFrom;

        Artifacts(JobSpec spec, PreparedData prepared, ModelPlan plan, int resumedFrom) {
            // numeric input has no tokenizer, and its length is model.input.timesteps, already in the spec
            TaskKind kind = prepared.kind();
            this.tokenizer = kind.tokenInput() ? TokenizerJson.write(prepared.vocabulary()) : null;
            this.labels = prepared.labels().toJson(kind);
            // the source length of pairs is recorded where predict reads it: text.source.maxlen
            this.jobYaml = JobSpecLoader.toYaml(switch (kind) {
                case NUMERIC -> spec;
                case SEQ2SEQ -> spec.withText(spec.text().withSourceMaxlen(prepared.maxlen()));
                case TEXT_CLASSIFICATION, TAGGING -> spec.withText(spec.text().withMaxlen(prepared.maxlen()));
            });
            this.targetTokenizer = kind == TaskKind.SEQ2SEQ ? TokenizerJson.write(prepared.target().vocabulary()) : null;
            this.summary = plan.summary() + "\n";
            this.prepared = prepared;
            this.plan = plan;
            this.resumedFrom = resumedFrom;
        }

        /** {@code result} null for a checkpoint: its metrics.json holds only the epoch's validation metrics. */
        ModelArtifacts of(MultiLayerNetwork net, List<EpochRecord> history, Map<String, Double> metrics,
                          SparkTrainer.Result result, ClassificationReport confusion) {
            ArrayNode h = JSON.createArrayNode();
            history.forEach(r -> h.add(r.toJson(JSON)));
            ObjectNode m = JSON.createObjectNode();
            metrics.forEach(m::put);
            m.put("split", "validation");
            m.put("examples", prepared.validationRows());
            m.put("task", plan.task().name().toLowerCase());
            m.put("epochs", history.size());
            if (result != null) {
                if (resumedFrom > 0) m.put("resumed_from_epoch", resumedFrom);
                m.put("stopped_early", result.stoppedEarly());
                if (result.bestEpoch() > 0) {
                    m.put("best_epoch", result.bestEpoch());
                    m.put("restored_best_weights", result.restoredBest());
                }
            }
            if (confusion != null) confusion.writeTo(m);
            return new ModelArtifacts(net, tokenizer, labels, jobYaml, h.toPrettyString() + "\n",
                    m.toPrettyString() + "\n", summary, targetTokenizer);
        }
    }
}
