package dev.seqtrain.corpus;

import java.util.ArrayList;
import java.util.List;

/** Splits a TSV line on a literal delimiter, no quoting, keeping empty fields (also trailing ones). */
final class DelimitedSplitter {

    private DelimitedSplitter() {
    }

    static List<String> split(String line, String delimiter) {
        List<String> fields = new ArrayList<>();
        int from = 0;
        int at;
        while ((at = line.indexOf(delimiter, from)) >= 0) {
            fields.add(line.substring(from, at));
            from = at + delimiter.length();
        }
        fields.add(line.substring(from));
        return fields;
    }
}
