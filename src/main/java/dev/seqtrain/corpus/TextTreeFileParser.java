package dev.seqtrain.corpus;

import org.apache.hadoop.conf.Configuration;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;

/** One text-tree document: the whole file is the text, its label folder the label, its path the id. */
final class TextTreeFileParser implements WholeFileReader.FileParser {
    private static final long serialVersionUID = 1L;

    private final boolean labelRequired;
    private final boolean strictUtf8;

    TextTreeFileParser(boolean labelRequired, boolean strictUtf8) {
        this.labelRequired = labelRequired;
        this.strictUtf8 = strictUtf8;
    }

    @Override
    public Iterator<Parsed> parse(InputFile file, Configuration conf) throws IOException {
        StringBuilder text = new StringBuilder((int) Math.min(file.length(), 1 << 20));
        long badByte;
        try (Utf8Reader in = CompressedFiles.openText(conf, file.path())) {
            char[] buffer = new char[8192];
            int n;
            while ((n = in.read(buffer)) > 0) text.append(buffer, 0, n);
            badByte = in.firstErrorSinceMark();
        }
        String doc = text.toString();
        if (strictUtf8 && badByte >= 0) {
            return List.of(Parsed.rejected(file.path(), Lines.invalidUtf8(badByte, "of the file"), doc)).iterator();
        }
        return List.of(ClassificationRecords.check(file.path(), CorpusSchemas.ord(file.rank(), 0), null, false,
                doc, file.label(), labelRequired, () -> doc)).iterator();
    }
}
