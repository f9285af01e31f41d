/**
 * The encoder-decoder layer as it was before issue 15 (per-example Luong attention loops), kept verbatim in test scope
 * as the baseline of {@code bench/Seq2SeqThroughputBenchmark}; the conf class is renamed {@code OldSeq2Seq}.
 */
package dev.seqtrain.bench.olds2s;
