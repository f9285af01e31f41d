package dev.seqtrain.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code text.strip_html}: removes HTML markup such as IMDB's {@code <br /><br />} before tokenizing.
 * Tags and comments become a separator (so "a<br/>b" is two words), as does {@code &nbsp;}; the entities
 * {@code &amp; &lt; &gt; &quot; &apos;} and numeric ones ({@code &#39; &#x27;}) are decoded. A "&lt;" that does not
 * open a tag (e.g. "a < b") is left alone.
 */
final class HtmlStripper {
    private static final Pattern MARKUP =
            Pattern.compile("<!--.*?-->|</?[A-Za-z][^<>]*>|&(?:#(\\d{1,7})|#[xX]([0-9A-Fa-f]{1,6})|([A-Za-z]+));",
                    Pattern.DOTALL);

    private HtmlStripper() {
    }

    static String strip(String text, String separator) {
        if (text.indexOf('<') < 0 && text.indexOf('&') < 0) {
            return text;
        }
        Matcher m = MARKUP.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        while (m.find()) {
            out.append(text, last, m.start());
            out.append(replacement(m, separator));
            last = m.end();
        }
        out.append(text, last, text.length());
        return out.toString();
    }

    private static String replacement(Matcher m, String separator) {
        if (m.group(1) != null) {
            return codePoint(Integer.parseInt(m.group(1)), m.group());
        }
        if (m.group(2) != null) {
            return codePoint(Integer.parseInt(m.group(2), 16), m.group());
        }
        if (m.group(3) != null) {
            switch (m.group(3)) {
                case "amp": return "&";
                case "lt": return "<";
                case "gt": return ">";
                case "quot": return "\"";
                case "apos": return "'";
                case "nbsp": return separator;
                default: return m.group();
            }
        }
        return separator;
    }

    private static String codePoint(int cp, String original) {
        boolean valid = cp > 0 && cp <= Character.MAX_CODE_POINT
                && !(cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE);
        return valid ? new String(Character.toChars(cp)) : original;
    }
}
