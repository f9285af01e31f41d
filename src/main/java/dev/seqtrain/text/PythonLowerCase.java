package dev.seqtrain.text;

import java.util.Locale;

/**
 * Python 3's {@code str.lower()}, which Keras applies before filtering.
 *
 * <p>Java's {@code toLowerCase(Locale.ROOT)} agrees with Python per code point (both use the full mapping, so
 * 'İ' U+0130 becomes "i̇", two code points), but the two decide the Greek final sigma differently: Java looks at the
 * word around the Σ (a word break iterator), Python at the neighbouring code points ("preceded by a cased letter
 * and not followed by one, skipping case-ignorable characters"). "ΑΣ-Α" is "ας-α" in Python and "ασ-α" in Java.
 * So text containing a capital sigma is lowered here code point by code point with Python's rule.
 *
 * <p>What still differs: case pairs added to Unicode after Java 17's Unicode 13 (Python 3.11 has Unicode 14 and
 * lowers 40 more code points: U+2C2F, U+A7C0, U+A7D0, U+A7D6, U+A7D8 and the Vithkuqi capitals U+10570-U+10595).
 */
final class PythonLowerCase {
    private static final char CAPITAL_SIGMA = '\u03A3';
    private static final int SMALL_SIGMA = 0x3C3;
    private static final int FINAL_SIGMA = 0x3C2;
    private static final int CAPITAL_I_WITH_DOT = 0x130;

    private PythonLowerCase() {
    }

    static String lower(String text) {
        if (text.indexOf(CAPITAL_SIGMA) < 0) {
            return text.toLowerCase(Locale.ROOT);
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (cp == CAPITAL_SIGMA) {
                out.appendCodePoint(isFinalSigma(text, i) ? FINAL_SIGMA : SMALL_SIGMA);
            } else if (cp == CAPITAL_I_WITH_DOT) {
                out.append("i\u0307");
            } else {
                out.appendCodePoint(Character.toLowerCase(cp));
            }
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    /** Python's rule: \p{cased} \p{case-ignorable}* Σ !(\p{case-ignorable}* \p{cased}). */
    private static boolean isFinalSigma(String text, int sigmaAt) {
        int j = sigmaAt;
        int before = -1;
        while (j > 0) {
            int cp = text.codePointBefore(j);
            j -= Character.charCount(cp);
            if (!isCaseIgnorable(cp)) {
                before = cp;
                break;
            }
        }
        if (before < 0 || !isCased(before)) {
            return false;
        }
        j = sigmaAt + 1;
        while (j < text.length()) {
            int cp = text.codePointAt(j);
            j += Character.charCount(cp);
            if (!isCaseIgnorable(cp)) {
                return !isCased(cp);
            }
        }
        return true;
    }

    /** Unicode's Cased: Lowercase, Uppercase or titlecase letter (Java's predicates include Other_Lowercase/Upper). */
    private static boolean isCased(int cp) {
        return Character.isLowerCase(cp) || Character.isUpperCase(cp) || Character.isTitleCase(cp);
    }

    /** Unicode's Case_Ignorable: Mn, Me, Cf, Lm, Sk, or Word_Break MidLetter, MidNumLet or Single_Quote. */
    private static boolean isCaseIgnorable(int cp) {
        switch (Character.getType(cp)) {
            case Character.NON_SPACING_MARK:
            case Character.ENCLOSING_MARK:
            case Character.FORMAT:
            case Character.MODIFIER_LETTER:
            case Character.MODIFIER_SYMBOL:
                return true;
            default:
                break;
        }
        switch (cp) {
            case 0x27: case 0x2E: case 0x3A: case 0xB7: case 0x387: case 0x55F: case 0x5F4:
            case 0x2018: case 0x2019: case 0x2024: case 0x2027:
            case 0xFE13: case 0xFE52: case 0xFE55: case 0xFF07: case 0xFF0E: case 0xFF1A:
                return true;
            default:
                return false;
        }
    }
}
