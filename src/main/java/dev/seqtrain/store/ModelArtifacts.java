package dev.seqtrain.store;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Everything a model directory holds besides {@code _SUCCESS}, as produced by a training run; {@code tokenizerJson} is
 * null for numeric input (no tokenizer.json); {@code targetTokenizerJson} only for sequence to sequence.
 */
public record ModelArtifacts(MultiLayerNetwork network, String tokenizerJson, String labelsJson, String jobYaml,
                             String historyJson, String metricsJson, String summary, String targetTokenizerJson) {

    /** Not sequence to sequence: no target_tokenizer.json. */
    public ModelArtifacts(MultiLayerNetwork network, String tokenizerJson, String labelsJson, String jobYaml,
                          String historyJson, String metricsJson, String summary) {
        this(network, tokenizerJson, labelsJson, jobYaml, historyJson, metricsJson, summary, null);
    }
}
