package dev.seqtrain.store;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Everything a model directory holds besides {@code _SUCCESS}, as produced by a training run; {@code tokenizerJson} is
 * null for numeric input (no tokenizer.json).
 */
public record ModelArtifacts(MultiLayerNetwork network, String tokenizerJson, String labelsJson, String jobYaml,
                             String historyJson, String metricsJson, String summary) {
}
