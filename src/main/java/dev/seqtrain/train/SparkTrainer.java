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
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The epoch loop around DL4J's parameter-averaging trainer: fit one epoch on a reshuffled RDD, evaluate on the
 * validation RDD, log one line, stop on a diverged loss.
 */
public final class SparkTrainer {
    private static final Logger LOG = LoggerFactory.getLogger("seqtrain");

    private final JavaSparkContext jsc;
    private final TrainingSpec training;

    public SparkTrainer(JavaSparkContext jsc, TrainingSpec training) {
        this.jsc = jsc;
        this.training = training;
    }

    public record Result(MultiLayerNetwork network, List<EpochRecord> history) {
    }

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
        MultiLayerNetwork net = plan.newNetwork(training.seed());
        SparkDl4jMultiLayer sparkNet = new SparkDl4jMultiLayer(jsc, net, trainingMaster());
        List<EpochRecord> history = new ArrayList<>();
        int epochs = training.epochs();
        JavaRDD<DataSet> validationBatches = validation.inOrder();
        double spent = 0;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            long t0 = System.nanoTime();
            sparkNet.fit(train.shuffled(training.seed(), epoch));
            double loss = sparkNet.getScore();
            if (!Double.isFinite(loss)) {
                throw new SeqtrainException(ExitCode.DIVERGED, String.format(
                        "training diverged: loss is %s after epoch %d; lower model.optimizer.learning_rate or set "
                                + "model.optimizer.clipnorm", loss, epoch));
            }
            Map<String, Double> metrics = Evaluator.evaluate(evaluationCopy(sparkNet), validationBatches, plan.task(),
                    training.batchSizePerWorker());
            double seconds = (System.nanoTime() - t0) / 1e9;
            spent += seconds;
            EpochRecord record = new EpochRecord(epoch, loss, metrics, seconds);
            history.add(record);
            LOG.info(record.logLine(epochs, spent / epoch * (epochs - epoch)));
        }
        return new Result(sparkNet.getNetwork(), history);
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
