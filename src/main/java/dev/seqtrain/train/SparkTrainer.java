package dev.seqtrain.train;

import dev.seqtrain.errors.ExitCode;
import dev.seqtrain.errors.SeqtrainException;
import dev.seqtrain.metrics.Evaluator;
import dev.seqtrain.metrics.KerasLoss;
import dev.seqtrain.metrics.OnePassEvaluation;
import dev.seqtrain.job.TrainingSpec;
import dev.seqtrain.model.ModelPlan;
import dev.seqtrain.model.NetworkLearningRate;
import dev.seqtrain.model.Task;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.api.stats.SparkTrainingStats;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The epoch loop around DL4J's parameter-averaging trainer: set the epoch's learning rate, fit one epoch on a
 * reshuffled RDD (with progress lines while it runs), evaluate on the validation RDD, log one line, stop on a
 * diverged loss or when early stopping says so; resumes from a checkpoint.
 */
public final class SparkTrainer {
    private static final Logger LOG = LoggerFactory.getLogger("seqtrain");

    private final JavaSparkContext jsc;
    private final TrainingSpec training;
    private final Consumer<String> log;
    private String exportDir;

    public SparkTrainer(JavaSparkContext jsc, TrainingSpec training) {
        this(jsc, training, LOG::info);
    }

    /** {@code log} receives the epoch and progress lines (tests read them). */
    SparkTrainer(JavaSparkContext jsc, TrainingSpec training, Consumer<String> log) {
        this.jsc = jsc;
        this.training = training;
        this.log = log;
    }

    /**
     * Where {@code training.approach: export} writes the run's batches (a Hadoop path every executor reads; removed
     * when training ends). Without one, a fresh directory under {@code /tmp} of the default filesystem.
     */
    public SparkTrainer exportTo(String dir) {
        this.exportDir = dir;
        return this;
    }

    private boolean exportsOnce() {
        return training.approach() == TrainingSpec.Approach.EXPORT
                && training.averagingRounds() == TrainingSpec.AveragingRounds.EXACT;
    }

    /**
     * The trained network and the whole history (a resumed run's included). {@code bestEpoch} is early stopping's
     * best epoch (0 without early stopping); {@code restoredBest} says the network holds that epoch's weights.
     * {@code sparkStats}: DL4J's statistics of every epoch trained in this run ({@code training.collect_stats}), or null.
     * {@code finalEvaluation}: the validation of the weights in {@link #network} (its confusion matrix goes into
     * metrics.json), or null when that epoch was evaluated before a resume.
     */
    public record Result(MultiLayerNetwork network, List<EpochRecord> history, boolean stoppedEarly, int bestEpoch,
                         boolean restoredBest, SparkTrainingStats sparkStats, OnePassEvaluation finalEvaluation) {
        /** The validation metrics of the weights in {@link #network}. */
        public Map<String, Double> finalMetrics() {
            EpochRecord r = restoredBest ? history.get(bestEpoch - 1) : history.get(history.size() - 1);
            return r.validation();
        }
    }

    public int workers() {
        return training.workers() != null ? training.workers() : jsc.defaultParallelism();
    }

    /**
     * The master that fits: DL4J's, fed round by round ({@link RoundTrainingMaster}); statistics if asked for, and
     * the batch counter on every worker.
     */
    private ParameterAveragingTrainingMaster fitMaster(FittedBatches fitted, EpochLoss loss) {
        ParameterAveragingTrainingMaster master = new RoundTrainingMaster(builder().collectTrainingStats(training.collectStats()));
        master.addHook(fitted);
        master.addHook(loss);
        return master;
    }

    private ParameterAveragingTrainingMaster.Builder builder() {
        int batch = training.batchSizePerWorker();
        return new ParameterAveragingTrainingMaster.Builder(workers(), batch)
                .batchSizePerWorker(batch)
                .averagingFrequency(training.averagingFrequency())
                .workerPrefetchNumBatches(training.prefetchBatches())
                .rddTrainingApproach(approach())
                .repartionData(repartition(training.repartition()))
                .rngSeed(training.seed())
                // the Builder's default is false: workers would restart Adam/RMSprop moments at every averaging round,
                // and the driver's network (hence checkpoints) would carry no optimizer state to resume from
                .saveUpdater(true);
    }

    private RDDTrainingApproach approach() {
        return switch (training.approach()) {
            case DIRECT -> RDDTrainingApproach.Direct;
            case EXPORT -> RDDTrainingApproach.Export;
        };
    }

    /** DL4J's value for {@code training.repartition}; exhaustive, so a new spec value cannot fall through to one. */
    static Repartition repartition(TrainingSpec.Repartition r) {
        return switch (r) {
            case ALWAYS -> Repartition.Always;
            case NEVER -> Repartition.Never;
            case NUM_PARTITIONS_WORKERS_DIFFERS -> Repartition.NumPartitionsWorkersDiffers;
        };
    }

    public Result fit(ModelPlan plan, PreparedBatches train, PreparedBatches validation) {
        return fit(plan, train, validation, TrainingStart.fresh(plan.newNetwork(training.seed())), EpochListener.NONE);
    }

    /**
     * Epochs {@code start.epochsDone() + 1 .. training.epochs}, or fewer when early stopping says so. Each epoch: set
     * the schedule's learning rate, fit on a reshuffled RDD, stop on a non-finite loss (exit code 4, before the
     * listener sees the epoch), evaluate, log, tell the listener.
     */
    public Result fit(ModelPlan plan, PreparedBatches train, PreparedBatches validation, TrainingStart start,
                      EpochListener listener) {
        if (training.collectStats()) SparkStatsReport.useSystemClockUnlessChosen();
        FittedBatches fitted = FittedBatches.register(jsc.sc());
        EpochProgress progress = new EpochProgress(fitted, training.epochs(), training.progressSeconds(), log);
        jsc.sc().addSparkListener(progress);
        try {
            return fit(plan, train, validation, start, listener, fitted, progress);
        } catch (Exception e) {
            // Spark's job failures are checked SparkExceptions that DL4J lets through undeclared
            if (training.collectStats()) SparkStatsReport.clockFailure(e).ifPresent(x -> {
                throw x;
            });
            throw e;
        } finally {
            jsc.sc().removeSparkListener(progress);
        }
    }

    private Result fit(ModelPlan plan, PreparedBatches train, PreparedBatches validation, TrainingStart start,
                       EpochListener listener, FittedBatches fitted, EpochProgress progress) {
        boolean export = exportsOnce() && start.epochsDone() < training.epochs();
        try (ExportedBatches exported = export ? export(train) : null) {
            return fit(plan, train, exported, validation, start, listener, fitted, progress);
        }
    }

    /**
     * Epoch 1's batches, written once for every epoch to reuse; epoch 1's also under --resume, so a resumed run trains
     * on the same batches as an uninterrupted one.
     */
    private ExportedBatches export(PreparedBatches train) {
        String dir = exportDir != null ? exportDir : "/tmp/seqtrain-batches-" + UUID.randomUUID();
        return ExportedBatches.write(jsc, train.rounds(training.seed(), 1, training.shuffle(), workers(),
                training.averagingFrequency()), new Path(dir));
    }

    private Result fit(ModelPlan plan, PreparedBatches train, ExportedBatches exported, PreparedBatches validation,
                       TrainingStart start, EpochListener listener, FittedBatches fitted, EpochProgress progress) {
        EpochLoss epochLoss = EpochLoss.register(jsc.sc());
        SparkDl4jMultiLayer sparkNet = new SparkDl4jMultiLayer(jsc, start.network(), fitMaster(fitted, epochLoss));
        LearningRateSchedule schedule = LearningRateSchedule.of(training.lrSchedule(),
                plan.spec().optimizer().learningRate());
        // with DL4J's own splits the first epoch's size is estimated from the row count and later ones expect what the
        // last one fitted; exact rounds and exported batches know it
        long expectedBatches = fittedPerEpoch(train.estimatedBatches(training.batchSizePerWorker()), workers(),
                training.averagingFrequency());
        List<EpochRecord> history = new ArrayList<>(start.history());
        EarlyStopping stopping = EarlyStopping.of(training.earlyStopping());
        history.forEach(stopping::observe);
        INDArray bestParams = stopping.restoresBestWeights() && stopping.bestEpoch() > 0 && start.paramsOfEpoch() != null
                ? start.paramsOfEpoch().apply(stopping.bestEpoch()) : null;
        int epochs = training.epochs();
        TrainingFaultInjector faults = TrainingFaultInjector.get();
        JavaRDD<DataSet> validationBatches = validation.inOrder();
        double spent = 0;
        int trained = 0;
        OnePassEvaluation lastEvaluation = null;
        OnePassEvaluation bestEvaluation = null;
        for (int epoch = start.epochsDone() + 1; epoch <= epochs && !stopping.shouldStop(); epoch++) {
            long t0 = System.nanoTime();
            double lr = schedule.rate(epoch);
            // set on the driver's network, whose configuration is broadcast to the workers with the parameters:
            // DL4J's own schedules would count iterations on the workers' short-lived copies
            NetworkLearningRate.set(sparkNet.getNetwork(), lr);
            faults.beforeEpoch(epoch, sparkNet.getNetwork());
            epochLoss.begin();
            if (exported != null) {
                JavaRDD<String> files = exported.epoch(training.seed(), epoch, training.shuffle(), workers(),
                        training.averagingFrequency());
                progress.begin(epoch, exported.size());
                sparkNet.fitPaths(files);
            } else {
                JavaRDD<DataSet> epochBatches = epochBatches(train, epoch);
                Optional<RoundLayout> rounds = RoundPartitioner.layoutOf(epochBatches);
                if (rounds.isPresent()) expectedBatches = rounds.get().batches();
                progress.begin(epoch, expectedBatches);
                sparkNet.fit(epochBatches);
                epochBatches.unpersist(false); // DL4J's own path caches the epoch and leaves it cached
            }
            long batches = progress.end();
            double fitSeconds = (System.nanoTime() - t0) / 1e9;
            if (batches > 0) expectedBatches = batches;
            // Keras' units (per real token for taggers and decoders), where DL4J's score is a per-sequence sum
            double loss = epochLoss.end(sparkNet.getScore());
            requireFinite("loss", loss, epoch);
            OnePassEvaluation validated = Evaluator.evaluate(jsc, sparkNet.getNetwork(), validationBatches, plan.task(),
                    KerasLoss.of(plan.loss()));
            Map<String, Double> metrics = validated.metrics();
            requireFinite("validation loss", metrics.get("loss"), epoch);
            double seconds = (System.nanoTime() - t0) / 1e9;
            spent += seconds;
            trained++;
            EpochRecord record = new EpochRecord(epoch, loss, metrics, seconds, lr, batches, fitSeconds);
            history.add(record);
            log.accept(record.logLine(epochs, spent / trained * (epochs - epoch)));
            lastEvaluation = validated;
            if (stopping.observe(record) && stopping.restoresBestWeights()) {
                bestParams = sparkNet.getNetwork().params().dup();
                bestEvaluation = validated;
            }
            listener.epochEnded(sparkNet.getNetwork(), List.copyOf(history), stopping);
            faults.afterEpoch(epoch);
        }
        MultiLayerNetwork net = sparkNet.getNetwork();
        int last = history.get(history.size() - 1).epoch();
        boolean restored = false;
        if (stopping.shouldStop()) {
            LOG.info("early stopping after epoch {}: {}", last, stopping.describe());
            if (stopping.restoresBestWeights() && bestParams != null && stopping.bestEpoch() != last) {
                net.setParams(bestParams);
                restored = true;
                LOG.info("restored the weights of epoch {} (training.early_stopping.restore_best_weights)", stopping.bestEpoch());
            }
        }
        SparkTrainingStats stats = training.collectStats() && trained > 0 ? sparkNet.getSparkTrainingStats() : null;
        return new Result(net, history, stopping.shouldStop(), stopping.bestEpoch(), restored, stats,
                restored ? bestEvaluation : lastEvaluation);
    }

    /**
     * Epoch {@code epoch}'s batches: laid out in exact averaging rounds ({@code training.averaging_rounds: exact}),
     * or as one RDD for DL4J's own random splits ({@code dl4j}); shuffled unless {@code training.shuffle} is off.
     */
    private JavaRDD<DataSet> epochBatches(PreparedBatches train, int epoch) {
        if (training.averagingRounds() == TrainingSpec.AveragingRounds.EXACT) {
            return train.rounds(training.seed(), epoch, training.shuffle(), workers(), training.averagingFrequency());
        }
        return training.shuffle() ? train.shuffled(training.seed(), epoch) : train.inOrder();
    }

    /**
     * How many of an epoch's {@code batches} DL4J's parameter averaging fits: it cuts the epoch into
     * {@code max(1, floor(batches / (workers * averaging_frequency)))} rounds, and a worker fits at most
     * {@code averaging_frequency} batches per round, skipping the rest of its share. An upper bound: uneven shares
     * skip more.
     */
    static long fittedPerEpoch(long batches, int workers, int averagingFrequency) {
        long perRound = (long) workers * averagingFrequency;
        return Math.min(batches, Math.max(1, batches / perRound) * perRound);
    }

    private static void requireFinite(String what, Double value, int epoch) {
        if (value != null && !Double.isFinite(value)) {
            throw new SeqtrainException(ExitCode.DIVERGED, String.format(Locale.ROOT,
                    "training diverged: %s is %s after epoch %d; lower model.optimizer.learning_rate or set "
                            + "model.optimizer.clipnorm", what, value, epoch));
        }
    }


    public static boolean binaryHead(ModelPlan plan) {
        return plan.task() == Task.BINARY;
    }
}
