package dev.seqtrain.text;

import dev.seqtrain.errors.SpecException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextTokenizerTest {
    private static List<String> tokens(Specs spec, String text) {
        return TextTokenizer.of(spec.build()).tokenize(text);
    }

    @Test
    void defaultFiltersLowerCaseAndKeepTheApostrophe() {
        assertEquals(List.of("hello", "world", "it's", "a", "test"),
                tokens(Specs.keras(), "Hello, World! It's a (test)."));
    }

    @Test
    void everyDefaultFilterCharacterSeparatesWords() {
        for (char c : "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n".toCharArray()) {
            assertEquals(List.of("a", "b"), tokens(Specs.keras(), "a" + c + "b"), "filter char U+" + (int) c);
        }
    }

    @Test
    void splitsOnTheSeparatorOnlyAndDropsEmptyTokens() {
        assertEquals(List.of("a", "b"), tokens(Specs.keras(), "   a    b  "));
        assertEquals(List.of("a\rb", "c"), tokens(Specs.keras(), "a\rb c"), "\\r is not a filter");
        assertEquals(List.of("a\u00a0b"), tokens(Specs.keras(), "a\u00a0b"), "no-break space stays inside");
        assertEquals(List.of("a\u2003b\u000bc"), tokens(Specs.keras(), "a\u2003b\u000bc"));
    }

    @Test
    void emptyAndFilterOnlyTextsGiveNoTokens() {
        assertEquals(List.of(), tokens(Specs.keras(), ""));
        assertEquals(List.of(), tokens(Specs.keras(), "!!! ... \t\n"));
        assertEquals(List.of(), tokens(Specs.keras(), null));
        assertEquals(List.of(), tokens(Specs.keras().charLevel(), ""));
    }

    @Test
    void lowerFalseKeepsCase() {
        assertEquals(List.of("Hello", "WORLD"), tokens(Specs.keras().lower(false), "Hello WORLD"));
    }

    @Test
    void customFiltersAndSeparator() {
        assertEquals(List.of("a,b", "c"), tokens(Specs.keras().filters(""), "a,b c"));
        // ',' is a filter, so it becomes the separator ',': spaces no longer split
        assertEquals(List.of("a b", "c"), tokens(Specs.keras().split(","), "a b,c"));
        assertEquals(List.of("a", "b c"), tokens(Specs.keras().split("|").filters("!"), "a!b c"));
    }

    @Test
    void multiCharacterSeparatorSplitsLikePythonStrSplit() {
        Specs spec = Specs.keras().filters("!").split("--");
        assertEquals(List.of("a", "b", "c"), tokens(spec, "a--b----c"));
        assertEquals(List.of("a", "-b"), tokens(spec, "a---b"), "leftmost, non-overlapping");
        assertEquals(List.of("a", "-b"), tokens(spec, "a!-b"), "filtered '!' becomes '--' first");
        assertEquals(List.of("x y"), tokens(spec, "x y"));
    }

    @Test
    void supplementaryCharactersAreOneCodePoint() {
        assertEquals(List.of("a😀b"), tokens(Specs.keras(), "a😀b"));
        assertEquals(List.of("a", "b"), tokens(Specs.keras().filters("😀"), "a😀b"));
        assertEquals(List.of("a", "b"), tokens(Specs.keras().split("😀").filters(""), "a😀b"));
    }

    @Test
    void charLevelTokensAreCodePointsAfterLowerCaseWithoutFilters() {
        assertEquals(List.of("a", "b", " ", "c", "!", "\t"), tokens(Specs.keras().charLevel(), "Ab c!\t"));
        assertEquals(List.of("a", "😀"), tokens(Specs.keras().charLevel(), "A😀"));
        assertEquals(List.of("A", "b"), tokens(Specs.keras().charLevel().lower(false), "Ab"));
        // Python: 'İ'.lower() == 'i̇' (two code points), so two tokens
        assertEquals(List.of("i", "\u0307"), tokens(Specs.keras().charLevel(), "\u0130"));
    }

    @Test
    void lowerCaseFollowsPythonForFinalSigmaAndDottedCapitalI() {
        // Python: 'ΟΔΟΣ-ΑΒ'.lower() == 'οδος-αβ' (final sigma before '-'); Java's toLowerCase gives 'οδοσ-αβ'
        assertEquals(List.of("οδος", "αβ"), tokens(Specs.keras(), "ΟΔΟΣ-ΑΒ"));
        assertEquals(List.of("οδος"), tokens(Specs.keras(), "ΟΔΟΣ"));
        assertEquals(List.of("σα"), tokens(Specs.keras(), "ΣΑ"));
        assertEquals(List.of("σ"), tokens(Specs.keras(), "Σ"), "a lone sigma is not final");
        assertEquals(List.of("ασ'β"), tokens(Specs.keras(), "ΑΣ'Β"), "' is case-ignorable: a cased letter follows");
        assertEquals(List.of("ας\u00ad"), tokens(Specs.keras(), "ΑΣ\u00ad"), "soft hyphen (Cf) is skipped");
        assertEquals(List.of("i\u0307stanbul"), tokens(Specs.keras(), "\u0130stanbul"));
    }

    @Test
    void stripHtmlRemovesTagsAndDecodesEntities() {
        Specs html = Specs.keras().stripHtml();
        assertEquals(List.of("good", "movie", "fun"), tokens(html, "Good<br /><br />movie &amp; fun"));
        assertEquals(List.of("a", "b"), tokens(html, "a<!-- note -->b"));
        assertEquals(List.of("a", "b"), tokens(html, "a&nbsp;b"));
        assertEquals(List.of("it's"), tokens(html, "it&#39;s"));
        assertEquals(List.of("it's"), tokens(html, "it&#x27;s"));
        assertEquals(List.of("a", "b", "and", "c", "d"), tokens(html, "a < b and c > d"),
                "a '<' that opens no tag stays (and is then filtered)");
        assertEquals(List.of("good", "br", "movie"), tokens(Specs.keras(), "good<br />movie"), "off by default");
        assertEquals(List.of("x", " ", "y"), tokens(html.charLevel(), "x<b>y"), "char level: a tag is a space");
    }

    @Test
    void nfkcFoldsCompatibilityCharacters() {
        assertEquals(List.of("fine", "hello"), tokens(Specs.keras().nfkc(), "\ufb01ne Ｈｅｌｌｏ"));
        assertEquals(List.of("\ufb01ne"), tokens(Specs.keras(), "\ufb01ne"), "off by default");
    }

    @Test
    void emptySeparatorIsASpecError() {
        SpecException e = assertThrows(SpecException.class, () -> TextTokenizer.of(Specs.keras().split("").build()));
        assertTrue(e.getMessage().contains("text.split"), e.getMessage());
    }
}
