package dev.seqtrain.job;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How DL4J's Spark parameter-averaging trainer fits the model. */
public record TrainingSpec(
        @JsonProperty("epochs") Integer epochs,
        @JsonProperty("batch_size_per_worker") Integer batchSizePerWorker,
        @JsonProperty("averaging_frequency") Integer averagingFrequency,
        @JsonProperty("workers") Integer workers,
        @JsonProperty("seed") Long seed,
        @JsonProperty("prefetch_batches") Integer prefetchBatches,
        @JsonProperty("approach") String approach,
        @JsonProperty("repartition") String repartition,
        @JsonProperty("shuffle") Boolean shuffle,
        @JsonProperty("early_stopping") EarlyStoppingSpec earlyStopping,
        @JsonProperty("tbptt_length") Integer tbpttLength,
        @JsonProperty("lr_schedule") LearningRateScheduleSpec lrSchedule,
        @JsonProperty("progress_seconds") Double progressSeconds,
        @JsonProperty("collect_stats") Boolean collectStats,
        @JsonProperty("averaging_rounds") String averagingRounds) {

    public static final java.util.List<String> APPROACHES = java.util.List.of("direct", "export");
    /**
     * exact: seqtrain deals each epoch's batches into averaging rounds itself, every batch fitted once; dl4j: DL4J's
     * own random splits, which skip the batches of a worker's share beyond averaging_frequency.
     */
    public static final java.util.List<String> AVERAGING_ROUNDS = java.util.List.of("exact", "dl4j");
    public static final java.util.List<String> REPARTITIONS = java.util.List.of("always", "never", "num_partitions_workers_differs");

    public TrainingSpec {
        if (epochs == null) epochs = 4;
        if (batchSizePerWorker == null) batchSizePerWorker = 32;
        if (averagingFrequency == null) averagingFrequency = 5;
        if (seed == null) seed = 42L;
        if (prefetchBatches == null) prefetchBatches = 2;
        if (approach == null) approach = "direct";
        if (repartition == null) repartition = "always";
        if (shuffle == null) shuffle = true;
        if (progressSeconds == null) progressSeconds = 30.0;
        // off by default: DL4J's statistics cost time on every mini-batch (docs/training.md: measured on the demo)
        if (collectStats == null) collectStats = false;
        if (averagingRounds == null) averagingRounds = "exact";
    }

    /** Keras' {@code EarlyStopping} callback: monitor, patience, min_delta, restore_best_weights. */
    public record EarlyStoppingSpec(
            @JsonProperty("monitor") String monitor,
            @JsonProperty("patience") Integer patience,
            @JsonProperty("min_delta") Double minDelta,
            @JsonProperty("restore_best_weights") Boolean restoreBestWeights) {
        public EarlyStoppingSpec {
            if (monitor == null) monitor = "val_loss";
            if (patience == null) patience = 2;
            if (minDelta == null) minDelta = 0.0;
            if (restoreBestWeights == null) restoreBestWeights = true;
        }
    }
}
