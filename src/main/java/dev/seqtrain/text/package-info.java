/**
 * Spark-free text processing with Keras semantics (Keras 2 / tf.keras {@code Tokenizer}, {@code pad_sequences},
 * {@code tokenizer_from_json}), reproduced exactly and checked against golden Keras outputs (KerasConformanceTest).
 *
 * <ul>
 *   <li>{@link dev.seqtrain.text.TextTokenizer}: {@code text_to_word_sequence} and char level;</li>
 *   <li>{@link dev.seqtrain.text.TokenCounter} / {@link dev.seqtrain.text.TokenCount}: counts per token, mergeable
 *       across partitions, carrying the first occurrence that breaks count ties as Keras does;</li>
 *   <li>{@link dev.seqtrain.text.Vocabulary}: {@code word_index} and {@code texts_to_sequences};</li>
 *   <li>{@link dev.seqtrain.text.SequencePadding}: {@code pad_sequences};</li>
 *   <li>{@link dev.seqtrain.text.TextEncoder}: text to padded ids, compact for a broadcast;</li>
 *   <li>{@link dev.seqtrain.text.TokenizerJson}: {@code tokenizer.json} in Keras' {@code to_json()} layout.</li>
 * </ul>
 *
 * Known differences from Python Keras: Unicode data is Java 17's (Unicode 13), so the 40 case pairs and the few
 * case-ignorable changes of later Unicode versions are not lowered as Python 3.11+ lowers them; an OOV token that
 * occurs as a corpus word shares index 1 instead of taking a second index (see {@link dev.seqtrain.text.Vocabulary}).
 * Imports only the JDK, Jackson and the job records.
 */
package dev.seqtrain.text;
