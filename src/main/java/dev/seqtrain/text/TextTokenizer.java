package dev.seqtrain.text;

import dev.seqtrain.errors.SpecException;
import dev.seqtrain.job.TextSpec;

import java.io.Serializable;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Keras {@code text_to_word_sequence} and the char-level path of {@code Tokenizer}, plus the off-by-default extras
 * of {@link TextSpec} ({@code strip_html}, {@code nfkc}).
 *
 * <p>Order: strip_html, NFKC, lower-case (Python's {@code str.lower()}, see {@link PythonLowerCase}), then
 * <ul>
 *   <li>word level: every code point of {@code filters} becomes {@code split}, the text is split on the exact
 *       {@code split} string (other whitespace such as '\r' or U+00A0 stays inside tokens), empty tokens dropped;</li>
 *   <li>char level: every code point is a token, filters are not applied (Keras iterates the lower-cased string).</li>
 * </ul>
 * Thread-safe and cheap to serialize: only the settings travel, the filter set is rebuilt lazily.
 */
public final class TextTokenizer implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String filters;
    private final boolean lower;
    private final String split;
    private final boolean charLevel;
    private final boolean stripHtml;
    private final boolean nfkc;
    private transient volatile BitSet filterSet;

    private TextTokenizer(TextSettings s) {
        if (s.split == null || s.split.isEmpty()) {
            throw new SpecException("text.split: must not be empty (Python's str.split rejects an empty separator)");
        }
        this.filters = s.filters == null ? "" : s.filters;
        this.lower = s.lower;
        this.split = s.split;
        this.charLevel = s.charLevel;
        this.stripHtml = s.stripHtml;
        this.nfkc = s.nfkc;
    }

    public static TextTokenizer of(TextSpec spec) {
        return new TextTokenizer(TextSettings.of(spec));
    }

    static TextTokenizer of(TextSettings settings) {
        return new TextTokenizer(settings);
    }

    /** Receives each token as a range of a string, without a substring being made for it. */
    @FunctionalInterface
    public interface TokenSink {
        void token(String s, int start, int end);
    }

    /** The tokens of one text, Keras semantics; never null, empty for an empty text. */
    public List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        forEachToken(text, (s, start, end) -> out.add(s.substring(start, end)));
        return out;
    }

    /**
     * The tokens of {@link #tokenize}, in order, as ranges of the normalized text: the hot loops (counting, indexing)
     * look tokens up without allocating a string per token.
     */
    public void forEachToken(String text, TokenSink sink) {
        String s = normalize(text == null ? "" : text);
        if (charLevel) {
            codePoints(s, sink);
        } else {
            words(s, sink);
        }
    }

    /**
     * One pre-tokenized token (CoNLL), as Keras' {@code Tokenizer} treats a text given as a list of tokens: each
     * element is lower-cased ({@code lower}) and kept whole; {@code filters} and {@code split} do not apply, so a
     * punctuation token stays a token and the ids stay aligned with the tags. {@code nfkc} applies as for text.
     */
    public String normalizeToken(String token) {
        String s = nfkc ? Normalizer.normalize(token, Normalizer.Form.NFKC) : token;
        return lower ? PythonLowerCase.lower(s) : s;
    }

    /** {@link #normalizeToken} of each token, in order: as many tokens out as in. */
    public List<String> normalizeTokens(List<String> tokens) {
        List<String> out = new ArrayList<>(tokens.size());
        for (String t : tokens) out.add(normalizeToken(t));
        return out;
    }

    private String normalize(String text) {
        String s = text;
        if (stripHtml) {
            s = HtmlStripper.strip(s, charLevel ? " " : split);
        }
        if (nfkc) {
            s = Normalizer.normalize(s, Normalizer.Form.NFKC);
        }
        if (lower) {
            s = PythonLowerCase.lower(s);
        }
        return s;
    }

    private static void codePoints(String s, TokenSink sink) {
        for (int i = 0; i < s.length(); ) {
            int n = Character.charCount(s.codePointAt(i));
            sink.token(s, i, i + n);
            i += n;
        }
    }

    private void words(String s, TokenSink sink) {
        BitSet filter = filterSet();
        if (split.codePointCount(0, split.length()) == 1) {
            wordsOnSingleSeparator(s, filter, split.codePointAt(0), sink);
        } else {
            wordsOnSeparatorString(s, filter, sink);
        }
    }

    /** One pass: a filtered code point and the separator both end a token (the common case, split " "). */
    private static void wordsOnSingleSeparator(String s, BitSet filter, int separator, TokenSink sink) {
        int start = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (cp == separator || filter.get(cp)) {
                if (i > start) {
                    sink.token(s, start, i);
                }
                start = next;
            }
            i = next;
        }
        if (s.length() > start) {
            sink.token(s, start, s.length());
        }
    }

    /** A separator of several characters: translate, then split on the literal string like Python's str.split. */
    private void wordsOnSeparatorString(String s, BitSet filter, TokenSink sink) {
        StringBuilder translated = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (filter.get(cp)) {
                translated.append(split);
            } else {
                translated.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        String t = translated.toString();
        int start = 0;
        for (int at = t.indexOf(split); at >= 0; at = t.indexOf(split, start)) {
            if (at > start) {
                sink.token(t, start, at);
            }
            start = at + split.length();
        }
        if (t.length() > start) {
            sink.token(t, start, t.length());
        }
    }

    private BitSet filterSet() {
        BitSet set = filterSet;
        if (set == null) {
            set = new BitSet();
            filters.codePoints().forEach(set::set);
            filterSet = set;
        }
        return set;
    }

    public String filters() {
        return filters;
    }

    public String split() {
        return split;
    }

    public boolean lower() {
        return lower;
    }

    public boolean charLevel() {
        return charLevel;
    }
}
