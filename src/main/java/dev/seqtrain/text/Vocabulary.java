package dev.seqtrain.text;

import dev.seqtrain.job.TextSpec;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The fitted vocabulary: Keras {@code word_index} / {@code word_counts} / {@code word_docs} with the
 * {@code num_words} and {@code oov_token} semantics of {@code texts_to_sequences}.
 *
 * <ul>
 *   <li>Index 0 is never used (padding). With an OOV token, it is index 1 and every word shifts by one.</li>
 *   <li>Words are ordered by count descending, ties in order of first occurrence in the corpus (Keras sorts the
 *       insertion-ordered {@code word_counts} with a stable sort).</li>
 *   <li>{@code num_words} does not shrink the index: {@link #encode} keeps ids below it, the others become the OOV
 *       id or are dropped when there is no OOV token. {@code num_words} 0 means no limit, as in Keras.</li>
 *   <li>{@code min_count} (beyond Keras, default 1) leaves words seen fewer times out of the index.</li>
 *   <li>One deliberate difference: when the OOV token itself occurs as a word in the corpus, Keras gives it a second
 *       index further down and leaves index 1 unused (its OOV id may then exceed {@code num_words} and break the
 *       Embedding). Here the word and the OOV token share index 1, and its counts are the word's.</li>
 * </ul>
 *
 * Serializable without records (Spark's Kryo 4 cannot serialize records); the token lookup is rebuilt lazily after
 * deserialization. Thread-safe once built. For a compact broadcast of what encoding needs, see {@link TextEncoder}.
 */
public final class Vocabulary implements Serializable {
    private static final long serialVersionUID = 1L;

    private final TextSettings settings;
    private final long documentCount;
    // entry i has index i + 1
    private final String[] tokens;
    private final long[] counts;
    private final long[] documents;
    private final long[] firstDocs;
    private final int[] firstPositions;
    private final LazyTokenTable table = new LazyTokenTable();

    private Vocabulary(TextSettings settings, long documentCount, List<TokenCount> entries) {
        this.settings = settings;
        this.documentCount = documentCount;
        int n = entries.size();
        tokens = new String[n];
        counts = new long[n];
        documents = new long[n];
        firstDocs = new long[n];
        firstPositions = new int[n];
        for (int i = 0; i < n; i++) {
            TokenCount e = entries.get(i);
            tokens[i] = e.token();
            counts[i] = e.count();
            documents[i] = e.documents();
            firstDocs[i] = e.firstDoc();
            firstPositions[i] = e.firstPos();
        }
        TextTokenizer.of(settings); // fail early on settings that cannot tokenize (empty split)
    }

    /**
     * Builds the index from per-token counts in any order (the output of a distributed count): ties in count are
     * broken by ({@code firstDoc}, {@code firstPos}), which is Keras' first-occurrence order.
     *
     * @throws IllegalArgumentException when a token appears twice in {@code counts}
     */
    public static Vocabulary fromCounts(Collection<TokenCount> counts, TextSpec spec, long documentCount) {
        TextSettings settings = TextSettings.of(spec);
        String oov = settings.oovToken;
        TokenCount oovWord = null;
        List<TokenCount> ranked = new ArrayList<>(counts.size());
        Set<String> seen = new HashSet<>();
        for (TokenCount c : counts) {
            if (!seen.add(c.token())) {
                throw new IllegalArgumentException("token counted twice: '" + c.token() + "' (merge counts first)");
            }
            if (c.token().equals(oov)) {
                oovWord = c;
            } else if (c.count() >= settings.minCount) {
                ranked.add(c);
            }
        }
        ranked.sort(TokenCount.KERAS_RANK);
        List<TokenCount> entries = new ArrayList<>(ranked.size() + 1);
        if (oov != null) {
            entries.add(oovWord != null ? oovWord : new TokenCount(oov, 0, 0, -1, -1));
        }
        entries.addAll(ranked);
        return new Vocabulary(settings, documentCount, entries);
    }

    /** Keras {@code fit_on_texts} on one machine: for tests, the conformance test and small jobs. */
    public static Vocabulary fit(Iterable<String> texts, TextSpec spec) {
        TextTokenizer tokenizer = TextTokenizer.of(spec);
        TokenCounter counter = new TokenCounter();
        long doc = 0;
        for (String text : texts) {
            counter.addText(doc++, text, tokenizer);
        }
        return fromCounts(counter.counts(), spec, counter.documentCount());
    }

    /** Rebuilds a vocabulary from entries already in index order (tokenizer.json). */
    static Vocabulary ofEntries(List<TokenCount> entriesByIndex, TextSpec spec, long documentCount) {
        return new Vocabulary(TextSettings.of(spec), documentCount, entriesByIndex);
    }

    /** Keras {@code texts_to_sequences} for one tokenized text. */
    public int[] encode(List<String> tokens) {
        return encode(tokens, table(), settings.idLimit(), oovIndex());
    }

    /** Keras' rule per token, with {@code table} entry i holding index i + 1: ids below idLimit, else OOV, else dropped. */
    static int[] encode(List<String> tokens, TokenTable table, int idLimit, int oovIndex) {
        SequenceBuilder out = new SequenceBuilder(table, idLimit, oovIndex, tokens.size());
        for (String token : tokens) out.token(token, 0, token.length());
        return out.ids();
    }

    /** Embedding {@code input_dim}: {@code num_words} if set, else the largest index + 1. */
    public int inputDim() {
        return settings.idLimit() == Integer.MAX_VALUE ? tokens.length + 1 : settings.numWords;
    }

    /** 1 when an OOV token is set, else -1. */
    public int oovIndex() {
        return settings.oovToken != null ? 1 : -1;
    }

    /** Entries in {@code word_index}, the OOV token included. */
    public int size() {
        return tokens.length;
    }

    /** The token's index, or null when it is not in {@code word_index}. */
    public Integer index(String token) {
        int entry = table().find(token, 0, token.length());
        return entry < 0 ? null : entry + 1;
    }

    /** The token at {@code index} (1-based), or null when there is none. */
    public String token(int index) {
        return index >= 1 && index <= tokens.length ? tokens[index - 1] : null;
    }

    /** The entry at {@code index} (1-based), or null when there is none. */
    public TokenCount entry(int index) {
        return index >= 1 && index <= tokens.length ? entryAt(index - 1) : null;
    }

    /** All entries in index order: position 0 holds index 1. */
    public List<TokenCount> entriesByIndex() {
        List<TokenCount> out = new ArrayList<>(tokens.length);
        for (int i = 0; i < tokens.length; i++) {
            out.add(entryAt(i));
        }
        return Collections.unmodifiableList(out);
    }

    /** The tokens with index 1 .. {@code limit - 1}, in index order (what encoding with that id limit can emit). */
    List<String> tokensBelow(int limit) {
        int n = Math.min(tokens.length, Math.max(0, limit - 1));
        return Collections.unmodifiableList(Arrays.asList(tokens).subList(0, n));
    }

    private TokenCount entryAt(int i) {
        return new TokenCount(tokens[i], counts[i], documents[i], firstDocs[i], firstPositions[i]);
    }

    public TextSpec spec() {
        return settings.toSpec();
    }

    TextSettings settings() {
        return settings;
    }

    /** Documents the vocabulary was fitted on (Keras {@code document_count}). */
    public long documentCount() {
        return documentCount;
    }

    private TokenTable table() {
        return table.of(tokens);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Vocabulary)) {
            return false;
        }
        Vocabulary v = (Vocabulary) o;
        return documentCount == v.documentCount && settings.equals(v.settings) && Arrays.equals(tokens, v.tokens)
                && Arrays.equals(counts, v.counts) && Arrays.equals(documents, v.documents)
                && Arrays.equals(firstDocs, v.firstDocs) && Arrays.equals(firstPositions, v.firstPositions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(documentCount, settings, Arrays.hashCode(tokens), Arrays.hashCode(counts));
    }

    @Override
    public String toString() {
        return "Vocabulary[" + tokens.length + " entries, " + documentCount + " documents, input_dim " + inputDim()
                + "]";
    }
}
