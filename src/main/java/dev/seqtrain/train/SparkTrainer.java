package dev.seqtrain.train;

import dev.seqtrain.errors.ExitCode;
import dev.seqtrain.errors.SeqtrainException;
import dev.seqtrain.job.TrainingSpec;
import dev.seqtrain.model.ModelPlan;
import dev.seqtrain.model.Task;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
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

/**
 * The epoch loop around DL4J's parameter-averaging trainer: fit one epoch on a reshuffled RDD, evaluate on the
 * validation RDD, log one line, stop on a diverged loss or when early stopping says so; resumes from a checkpoint.
 */
public final class SparkTrainer {
    private static final Logger LOG = LoggerFactory.getLogger("seqtrain");

    private final JavaSparkContext jsc;
    private final TrainingSpec training;

    public SparkTrainer(JavaSparkContext jsc, TrainingSpec training) {
        this.jsc = jsc;
        this.training = training;
    }

    /**
     * The trained network and the whole history (a resumed run's included). {@code bestEpoch} is early stopping's
     * best epoch (0 without early stopping); {@code restoredBest} says the network holds that epoch's weights.
     */
    public record Result(MultiLayerNetwork network, List<EpochRecord> history, boolean stoppedEarly, int bestEpoch,
                         boolean restoredBest) {
        /** The validation metrics of the weights in {@link #network}. */
        public Map<String, Double> finalMetrics() {
            EpochRecord r = restoredBest ? history.get(bestEpoch - 1) : history.get(history.size() - 1);
            return r.validation();
        }
    }

    /**
     * A test hook that simulates a job killed right after epoch N's checkpoint: {@code -Dseqtrain.stopAfterEpoch=N}
     * makes the job fail there (exit code 70), leaving the work directory as a kill would.
     */
    public static final String STOP_AFTER_EPOCH = "seqtrain.stopAfterEpoch";

    public int workers() {
        return training.workers() != null ? training.workers() : jsc.defaultParallelism();
    }

    public ParameterAveragingTrainingMaster trainingMaster() {
        int batch = training.batchSizePerWorker();
        return new ParameterAveragingTrainingMaster.Builder(workers(), batch)
                .batchSizePerWorker(batch)
                .averagingFrequency(training.averagingFrequency())
                .workerPrefetchNumBatches(training.prefetchBatches())
                .rddTrainingApproach("export".equals(training.approach()) ? RDDTrainingApproach.Export : RDDTrainingApproach.Direct)
                .repartionData(repartition())
                .rngSeed(training.seed())
                // the Builder's default is false: workers would restart Adam/RMSprop moments at every averaging round,
                // and the driver's network (hence checkpoints) would carry no optimizer state to resume from
                .saveUpdater(true)
                .build();
    }

    private Repartition repartition() {
        return switch (training.repartition()) {
            case "never" -> Repartition.Never;
            case "num_partitions_workers_differs" -> Repartition.NumPartitionsWorkersDiffers;
            default -> Repartition.Always;
        };
    }

    public Result fit(ModelPlan plan, PreparedBatches train, PreparedBatches validation) {
        return fit(plan, train, validation, TrainingStart.fresh(plan.newNetwork(training.seed())), EpochListener.NONE);
    }

    /**
     * Epochs {@code start.epochsDone() + 1 .. training.epochs}, or fewer when early stopping says so. Each epoch: fit
     * on a reshuffled RDD, stop on a non-finite loss (exit code 4, before the listener sees the epoch), evaluate,
     * log, tell the listener.
     */
    public Result fit(ModelPlan plan, PreparedBatches train, PreparedBatches validation, TrainingStart start,
                      EpochListener listener) {
        SparkDl4jMultiLayer sparkNet = new SparkDl4jMultiLayer(jsc, start.network(), trainingMaster());
        List<EpochRecord> history = new ArrayList<>(start.history());
        EarlyStopping stopping = EarlyStopping.of(training.earlyStopping());
        history.forEach(stopping::observe);
        INDArray bestParams = stopping.restoresBestWeights() && stopping.bestEpoch() > 0 && start.paramsOfEpoch() != null
                ? start.paramsOfEpoch().apply(stopping.bestEpoch()) : null;
        int epochs = training.epochs();
        int stopAfter = Integer.getInteger(STOP_AFTER_EPOCH, 0);
        JavaRDD<DataSet> validationBatches = validation.inOrder();
        double spent = 0;
        int trained = 0;
        for (int epoch = start.epochsDone() + 1; epoch <= epochs && !stopping.shouldStop(); epoch++) {
            long t0 = System.nanoTime();
            sparkNet.fit(train.shuffled(training.seed(), epoch));
            double loss = sparkNet.getScore();
            requireFinite("loss", loss, epoch);
            Map<String, Double> metrics = Evaluator.evaluate(evaluationCopy(sparkNet), validationBatches, plan.task(),
                    training.batchSizePerWorker());
            requireFinite("validation loss", metrics.get("loss"), epoch);
            double seconds = (System.nanoTime() - t0) / 1e9;
            spent += seconds;
            trained++;
            EpochRecord record = new EpochRecord(epoch, loss, metrics, seconds);
            history.add(record);
            LOG.info(record.logLine(epochs, spent / trained * (epochs - epoch)));
            if (stopping.observe(record) && stopping.restoresBestWeights()) {
                bestParams = sparkNet.getNetwork().params().dup();
            }
            listener.epochEnded(sparkNet.getNetwork(), List.copyOf(history), stopping);
            if (epoch == stopAfter) {
                throw new SeqtrainException(ExitCode.INTERNAL, "stopped after epoch " + epoch + " as "
                        + STOP_AFTER_EPOCH + " asks (a test hook that simulates a killed job)");
            }
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
        return new Result(net, history, stopping.shouldStop(), stopping.bestEpoch(), restored);
    }

    private static void requireFinite(String what, Double value, int epoch) {
        if (value != null && !Double.isFinite(value)) {
            throw new SeqtrainException(ExitCode.DIVERGED, String.format(Locale.ROOT,
                    "training diverged: %s is %s after epoch %d; lower model.optimizer.learning_rate or set "
                            + "model.optimizer.clipnorm", what, value, epoch));
        }
    }

    /**
     * DL4J's distributed scoring and evaluation close the network they broadcast once they are done; in local mode
     * the broadcast value is the driver's own network, whose parameters the next epoch would then read after they
     * were freed ("Op.Z argument was closed"). Evaluating a copy keeps the trained network intact.
     */
    private SparkDl4jMultiLayer evaluationCopy(SparkDl4jMultiLayer trained) {
        return new SparkDl4jMultiLayer(jsc, trained.getNetwork().clone(), trainingMaster());
    }

    public static boolean binaryHead(ModelPlan plan) {
        return plan.task() == Task.BINARY;
    }
}
