package dev.seqtrain.text;

import dev.seqtrain.job.SequenceEnd;
import dev.seqtrain.job.TextSpec;

/** Builds {@link TextSpec}s for tests: Keras defaults, then the settings a test names. */
final class Specs {
    Integer numWords;
    String oovToken;
    String filters;
    Boolean lower;
    String split;
    Boolean charLevel;
    Integer maxlen;
    SequenceEnd padding;
    SequenceEnd truncating;
    Integer value;
    Boolean stripHtml;
    Boolean nfkc;
    Integer minCount;

    static Specs keras() {
        return new Specs();
    }

    Specs numWords(Integer n) { numWords = n; return this; }
    Specs oov(String t) { oovToken = t; return this; }
    Specs filters(String f) { filters = f; return this; }
    Specs lower(boolean b) { lower = b; return this; }
    Specs split(String s) { split = s; return this; }
    Specs charLevel() { charLevel = true; return this; }
    Specs maxlen(int n) { maxlen = n; return this; }
    Specs padding(SequenceEnd p) { padding = p; return this; }
    Specs truncating(SequenceEnd t) { truncating = t; return this; }
    Specs value(int v) { value = v; return this; }
    Specs stripHtml() { stripHtml = true; return this; }
    Specs nfkc() { nfkc = true; return this; }
    Specs minCount(int n) { minCount = n; return this; }

    TextSpec build() {
        return new TextSpec(numWords, oovToken, filters, lower, split, charLevel, maxlen, padding, truncating, value,
                stripHtml, nfkc, minCount);
    }
}
