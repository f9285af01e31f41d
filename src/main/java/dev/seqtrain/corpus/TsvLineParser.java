package dev.seqtrain.corpus;

import java.util.List;
import java.util.Map;

/**
 * One TSV row per line, split on the delimiter with no quoting (IMDB-like text carries stray quotes). Empty lines
 * are not rows; a row with the wrong field count, an empty text (or numbers that do not fit model.input) or a missing
 * label is rejected.
 */
final class TsvLineParser implements LineParser {
    private final InputFile file;
    private final ColumnLayout layout;
    private final String delimiter;
    private final boolean labelRequired;

    private TsvLineParser(InputFile file, ColumnLayout layout, String delimiter, boolean labelRequired) {
        this.file = file;
        this.layout = layout;
        this.delimiter = delimiter;
        this.labelRequired = labelRequired;
    }

    static LineParser.Factory factory(Map<Long, ColumnLayout> layouts, String delimiter, boolean labelRequired) {
        return (file, previousLineBlank) -> new TsvLineParser(file, layouts.get(file.rank()), delimiter, labelRequired);
    }

    @Override
    public void line(long lineIndex, String line, List<Parsed> out) {
        if (line.isEmpty() || (layout.header() && lineIndex == 0)) return;
        String location = Lines.location(file.path(), lineIndex);
        List<String> fields = DelimitedSplitter.split(line, delimiter);
        if (fields.size() != layout.fieldCount()) {
            out.add(Parsed.rejected(location, "expected " + layout.fieldCount() + " fields, got " + fields.size(), line));
            return;
        }
        out.add(layout.record(location, CorpusSchemas.ord(file.rank(), lineIndex), fields, labelRequired, () -> line));
    }

    @Override
    public boolean open() {
        return false;
    }

    @Override
    public void end(List<Parsed> out) {
    }
}
