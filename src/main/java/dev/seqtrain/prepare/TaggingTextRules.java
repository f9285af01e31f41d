package dev.seqtrain.prepare;

import dev.seqtrain.errors.SpecException;
import dev.seqtrain.job.TextSpec;

/**
 * What {@code text} settings mean for pre-tokenized input ({@code data.format: conll}). Keras' Tokenizer, given a
 * text as a list of tokens, lower-cases each token and keeps it whole; seqtrain does the same: {@code lower} and
 * {@code nfkc} apply per token, {@code filters} and {@code split} are not used (splitting a token would break its
 * alignment with its tag). Settings that cannot keep one id per token are spec errors.
 */
public final class TaggingTextRules {
    private TaggingTextRules() {
    }

    /** @throws SpecException naming the key when a setting does not fit sequence labelling */
    public static void check(TextSpec text) {
        if (text.charLevel()) {
            throw new SpecException("text.char_level: not supported with data.format conll: tags belong to tokens, "
                    + "not characters; remove char_level");
        }
        if (text.stripHtml()) {
            throw new SpecException("text.strip_html: not supported with data.format conll: tokens are kept whole");
        }
        if (text.oovToken() == null) {
            throw new SpecException("text.oov_token: required with data.format conll: every token needs an id so that "
                    + "ids stay aligned with tags (Keras drops unknown tokens without it), e.g. oov_token: \"<OOV>\"");
        }
        if (text.value() != 0) {
            throw new SpecException("text.value: must be 0 with data.format conll (padding is id 0), got " + text.value());
        }
    }
}
