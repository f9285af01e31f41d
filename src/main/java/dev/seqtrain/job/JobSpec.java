package dev.seqtrain.job;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A whole job: the YAML file of {@code spark-jobs/}, resolved with its {@code --set} overrides and defaults. */
public record JobSpec(
        @JsonProperty("name") String name,
        @JsonProperty("data") DataSpec data,
        @JsonProperty("text") TextSpec text,
        @JsonProperty("model") ModelSpec model,
        @JsonProperty("training") TrainingSpec training,
        @JsonProperty("output") OutputSpec output,
        @JsonProperty("io") IoSpec io,
        @JsonProperty("evaluation") EvaluationSpec evaluation) {

    public JobSpec {
        if (name == null) name = "seqtrain-job";
        if (data == null) data = new DataSpec(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null);
        if (text == null) text = new TextSpec(null, null, null, null, null, null, null, null, null, null, null, null, null);
        if (model == null) model = new ModelSpec(null, null, null, null, null);
        if (training == null) training = new TrainingSpec(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        if (output == null) output = new OutputSpec(null, null, null, null, null, null, null);
        if (io == null) io = new IoSpec(null);
        if (evaluation == null) evaluation = new EvaluationSpec(null);
    }

    public JobSpec withText(TextSpec t) {
        return new JobSpec(name, data, t, model, training, output, io, evaluation);
    }

    public JobSpec withOutput(OutputSpec o) {
        return new JobSpec(name, data, text, model, training, o, io, evaluation);
    }
}
