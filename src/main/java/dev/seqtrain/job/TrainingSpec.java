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
        @JsonProperty("approach") Approach approach,
        @JsonProperty("repartition") Repartition repartition,
        @JsonProperty("shuffle") Boolean shuffle,
        @JsonProperty("early_stopping") EarlyStoppingSpec earlyStopping,
        @JsonProperty("tbptt_length") Integer tbpttLength,
        @JsonProperty("lr_schedule") LearningRateScheduleSpec lrSchedule,
        @JsonProperty("progress_seconds") Double progressSeconds,
        @JsonProperty("collect_stats") Boolean collectStats,
        @JsonProperty("averaging_rounds") AveragingRounds averagingRounds,
        @JsonProperty("batching") BatchingSpec batching) {

    /** {@code training.approach}: DL4J's {@code RDDTrainingApproach}. */
    public enum Approach {
        @JsonProperty("direct") DIRECT,
        /** Batches written to files first, which executors read back. */
        @JsonProperty("export") EXPORT;

        @Override
        public String toString() {
            return SpecValues.spelling(this);
        }
    }

    /** {@code training.repartition}: DL4J's {@code Repartition}, when the training RDD is repartitioned. */
    public enum Repartition {
        @JsonProperty("always") ALWAYS,
        @JsonProperty("never") NEVER,
        @JsonProperty("num_partitions_workers_differs") NUM_PARTITIONS_WORKERS_DIFFERS;

        @Override
        public String toString() {
            return SpecValues.spelling(this);
        }
    }

    /** {@code training.averaging_rounds}: who splits an epoch's batches into averaging rounds. */
    public enum AveragingRounds {
        /** seqtrain deals each epoch's batches into rounds itself, every batch fitted once. */
        @JsonProperty("exact") EXACT,
        /** DL4J's own random splits, which skip the batches of a worker's share beyond averaging_frequency. */
        @JsonProperty("dl4j") DL4J;

        @Override
        public String toString() {
            return SpecValues.spelling(this);
        }
    }

    public TrainingSpec {
        if (epochs == null) epochs = 4;
        if (batchSizePerWorker == null) batchSizePerWorker = 32;
        if (averagingFrequency == null) averagingFrequency = 5;
        if (seed == null) seed = 42L;
        if (prefetchBatches == null) prefetchBatches = 2;
        if (approach == null) approach = Approach.DIRECT;
        if (repartition == null) repartition = Repartition.ALWAYS;
        if (shuffle == null) shuffle = true;
        if (progressSeconds == null) progressSeconds = 30.0;
        // off by default: DL4J's statistics cost time on every mini-batch (docs/training.md: measured on the demo)
        if (collectStats == null) collectStats = false;
        if (averagingRounds == null) averagingRounds = AveragingRounds.EXACT;
        if (batching == null) batching = BatchingSpec.defaults();
    }

    /** The checks of this section's own keys; {@code path} is where it sits in the spec ({@code training}). */
    public void validate(String path) {
        SpecCheck.positive(path + ".epochs", epochs);
        SpecCheck.positive(path + ".batch_size_per_worker", batchSizePerWorker);
        SpecCheck.positive(path + ".averaging_frequency", averagingFrequency);
        if (workers != null) SpecCheck.positive(path + ".workers", workers);
        SpecCheck.require(prefetchBatches >= 0, path + ".prefetch_batches", "must be >= 0, got " + prefetchBatches);
        if (tbpttLength != null) SpecCheck.positive(path + ".tbptt_length", tbpttLength);
        SpecCheck.require(progressSeconds >= 0, path + ".progress_seconds",
                "must be >= 0 (seconds between progress lines within an epoch; 0 turns them off), got " + progressSeconds);
        if (lrSchedule != null) lrSchedule.validate(path + ".lr_schedule");
        if (earlyStopping != null) earlyStopping.validate(path + ".early_stopping");
        SpecCheck.positive(path + ".batching.buckets", batching.buckets());
    }

    /** Keras' {@code EarlyStopping} callback: monitor, patience, min_delta, restore_best_weights. */
    public record EarlyStoppingSpec(
            @JsonProperty("monitor") Monitor monitor,
            @JsonProperty("patience") Integer patience,
            @JsonProperty("min_delta") Double minDelta,
            @JsonProperty("restore_best_weights") Boolean restoreBestWeights) {
        public EarlyStoppingSpec {
            if (monitor == null) monitor = Monitor.VAL_LOSS;
            if (patience == null) patience = 2;
            if (minDelta == null) minDelta = 0.0;
            if (restoreBestWeights == null) restoreBestWeights = true;
        }

        /** The checks of this section's own keys; {@code path}: {@code training.early_stopping}. */
        public void validate(String path) {
            SpecCheck.require(patience >= 0, path + ".patience", "must be >= 0, got " + patience);
            SpecCheck.require(minDelta >= 0, path + ".min_delta", "must be >= 0, got " + minDelta);
        }

        /** The metric watched, Keras' names: {@code val_mse}/{@code val_mae} for regression models. */
        public enum Monitor {
            @JsonProperty("val_loss") VAL_LOSS,
            @JsonProperty("val_accuracy") VAL_ACCURACY,
            @JsonProperty("loss") LOSS,
            @JsonProperty("val_mse") VAL_MSE,
            @JsonProperty("val_mae") VAL_MAE;

            public boolean higherIsBetter() {
                return this == VAL_ACCURACY;
            }

            /** Computed for regression models only. */
            public boolean regressionOnly() {
                return this == VAL_MSE || this == VAL_MAE;
            }

            /** Computed for classifiers only. */
            public boolean classificationOnly() {
                return this == VAL_ACCURACY;
            }

            @Override
            public String toString() {
                return SpecValues.spelling(this);
            }
        }
    }
}
