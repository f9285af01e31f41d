package dev.seqtrain.train;

import dev.seqtrain.job.TrainingSpec;
import org.deeplearning4j.spark.api.Repartition;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** training.repartition reaches DL4J as the value it names; nothing falls through to Always. */
class RepartitionMappingTest {
    @Test
    void eachSpecValueMapsToItsDl4jValue() {
        assertEquals(Repartition.Always, SparkTrainer.repartition(TrainingSpec.Repartition.ALWAYS));
        assertEquals(Repartition.Never, SparkTrainer.repartition(TrainingSpec.Repartition.NEVER));
        assertEquals(Repartition.NumPartitionsWorkersDiffers,
                SparkTrainer.repartition(TrainingSpec.Repartition.NUM_PARTITIONS_WORKERS_DIFFERS));
    }
}
