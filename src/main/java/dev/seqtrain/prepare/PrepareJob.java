package dev.seqtrain.prepare;

import dev.seqtrain.batch.PreparedColumns;
import dev.seqtrain.job.DataSpec;
import dev.seqtrain.job.JobSpec;
import dev.seqtrain.job.OutputSpec;
import dev.seqtrain.job.TaskKind;
import dev.seqtrain.spark.SparkJob;
import dev.seqtrain.store.AtomicDirectory;
import dev.seqtrain.store.HadoopFiles;
import dev.seqtrain.store.OutputKind;
import dev.seqtrain.store.Provenance;
import dev.seqtrain.text.TokenizerJson;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/**
 * The prepare stage, one template for every task kind: corpus → survey and rejected rows → vocabulary and labels
 * fitted on the training side → indexed rows → prepared directory (train/, validation/, tokenizer.json,
 * labels.json, stats.json, prepared.json, provenance), committed atomically. The kind's steps
 * ({@link KindPreparation}) say what is read, fitted and counted. Everything that touches documents runs on
 * executors; the driver sees only reduced counts and labels.
 */
public final class PrepareJob extends SparkJob {
    private static final Logger LOG = LoggerFactory.getLogger(PrepareJob.class);

    public PrepareJob(SparkSession spark, HadoopFiles files) {
        super("prepare", spark, files);
    }

    public PreparedData run(JobSpec spec) {
        String target = spec.output().resolvedPreparedDir();
        if (completeAndSkipped(target, spec.output().ifExists(), OutputKind.PREPARED, "reusing it")) {
            return PreparedData.load(files, target);
        }
        TaskKind kind = TaskKind.of(spec);
        KindPreparation steps = KindPreparation.of(kind, spark, files);
        steps.begin(spec);
        long t0 = System.nanoTime();
        DataSpec data = steps.data(spec);
        Provenance provenance = Provenance.start(stage, spec).corpus(files, data);
        CorpusSplits splits = steps.read(data, spec);
        try {
            KindPreparation.Indexed indexed = steps.index(splits, data, spec, target);
            AtomicDirectory out = AtomicDirectory.begin(files, target, spec.output().ifExists(), OutputKind.PREPARED);
            OutputSpec.PreparedFormat format = spec.output().preparedFormat();
            PreparedFormat.write(indexed.train(), out.file("train").toString(), format);
            PreparedFormat.write(indexed.validation(), out.file("validation").toString(), format);

            StructType schema = PreparedColumns.schema(kind, indexed.labels().regressionTargets());
            Dataset<Row> trainOut = PreparedFormat.read(spark, out.file("train").toString(), format, schema);
            Dataset<Row> validationOut = PreparedFormat.read(spark, out.file("validation").toString(), format, schema);
            KindPreparation.Statistics stats = steps.statistics(indexed, trainOut, validationOut);

            PreparedData prepared = new PreparedData(kind, files.qualify(target), format, indexed.maxlen(),
                    stats.trainRows(), stats.validationRows(), indexed.vocabulary(), indexed.labels(),
                    indexed.features(), indexed.target());
            if (prepared.vocabulary() != null) {
                files.writeString(out.file(PreparedData.TOKENIZER), TokenizerJson.write(prepared.vocabulary()));
            }
            if (prepared.target() != null) {
                files.writeString(out.file(PreparedData.TARGET_TOKENIZER),
                        TokenizerJson.write(prepared.target().vocabulary()));
            }
            files.writeString(out.file(PreparedData.LABELS), prepared.labels().toJson(kind));
            files.writeString(out.file(PreparedData.STATS), stats.json().toPrettyString() + "\n");
            if (stats.text() != null) files.writeString(out.file("stats.txt"), stats.text());
            files.writeString(out.file(PreparedData.MANIFEST), prepared.manifestJson());
            steps.writeExtras(out, trainOut, indexed, spec);
            provenance.writePrepared(files, out.path());
            out.commit();
            if (stats.text() != null) stats.text().lines().filter(l -> !l.isEmpty()).forEach(l -> LOG.info("prepare: {}", l));
            LOG.info(String.format(Locale.ROOT, "prepare: %s; wrote %s in %.1f s", steps.summary(prepared), target,
                    (System.nanoTime() - t0) / 1e9));
            return prepared;
        } finally {
            steps.release();
            splits.release();
        }
    }
}
