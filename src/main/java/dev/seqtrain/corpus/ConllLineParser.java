package dev.seqtrain.corpus;

import java.util.ArrayList;
import java.util.List;

/**
 * CoNLL: one {@code token<TAB>tag...} line per token (split on tabs, or on whitespace when the line has none),
 * a blank line between sentences. A line starting with '#' where a sentence starts and holding no tab is a comment
 * (CoNLL-U, Brown's {@code # doc = ...}); inside a sentence it is a token line (Penn's '#' token). A sentence with
 * a line of too few columns is rejected whole, at the line where it starts.
 *
 * <p>A sentence belongs to the split holding its first line: a split whose previous line is not blank skips its
 * leading lines, and a split ending inside a sentence reads on ({@link #open()}).
 */
final class ConllLineParser implements LineParser {
    private final InputFile file;
    private final int tokenColumn;
    private final int tagColumn;
    private final boolean tagRequired;

    private boolean skippingHead;
    private boolean inBlock;
    private long firstLine = -1;
    private final List<String> lines = new ArrayList<>();
    private int linesChars;
    private final List<String> tokens = new ArrayList<>();
    private final List<String> tags = new ArrayList<>();
    private boolean allTags = true;
    private String error;

    private ConllLineParser(InputFile file, int tokenColumn, int tagColumn, boolean tagRequired, boolean previousLineBlank) {
        this.file = file;
        this.tokenColumn = tokenColumn;
        this.tagColumn = tagColumn;
        this.tagRequired = tagRequired;
        this.skippingHead = !previousLineBlank;
    }

    static LineParser.Factory factory(int tokenColumn, int tagColumn, boolean tagRequired) {
        return (file, previousLineBlank) -> new ConllLineParser(file, tokenColumn, tagColumn, tagRequired, previousLineBlank);
    }

    @Override
    public void line(long lineIndex, String line, List<Parsed> out) {
        boolean blank = Lines.isBlank(line);
        if (skippingHead) {
            skippingHead = !blank;
            return;
        }
        if (blank) {
            flush(out);
            return;
        }
        inBlock = true;
        if (firstLine < 0 && line.startsWith("#") && line.indexOf('\t') < 0) return;
        if (firstLine < 0) firstLine = lineIndex;
        if (linesChars <= CorpusSchemas.MAX_RAW_CHARS) {
            lines.add(line);
            linesChars += line.length() + 1;
        }
        if (error == null) token(lineIndex, line);
    }

    /** The sentence holding the line is rejected, at its first line, as for a line of too few columns. */
    @Override
    public void malformed(long lineIndex, String text, String reason, InputFile file, List<Parsed> out) {
        String before = error;
        line(lineIndex, text, out);
        if (firstLine >= 0 && before == null) error = "line " + (lineIndex + 1) + ": " + reason;
    }

    private void token(long lineIndex, String line) {
        String[] fields = line.indexOf('\t') >= 0 ? line.split("\t", -1) : line.strip().split("\\s+");
        int needed = (tagRequired ? Math.max(tokenColumn, tagColumn) : tokenColumn) + 1;
        String where = "line " + (lineIndex + 1) + ": ";
        if (fields.length < needed) {
            error = where + "expected at least " + needed + " columns, got " + fields.length;
            return;
        }
        String token = fields[tokenColumn].strip();
        String tag = tagColumn < fields.length ? fields[tagColumn].strip() : "";
        if (token.isEmpty()) {
            error = where + "empty token";
        } else if (tag.isEmpty() && tagRequired) {
            error = where + "empty tag";
        } else {
            tokens.add(token);
            tags.add(tag);
            allTags &= !tag.isEmpty();
        }
    }

    private void flush(List<Parsed> out) {
        if (firstLine >= 0) {
            String location = Lines.location(file.path(), firstLine);
            if (error != null) {
                out.add(Parsed.rejected(location, error, String.join("\n", lines)));
            } else {
                out.add(Parsed.tagging(location, CorpusSchemas.ord(file.rank(), firstLine),
                        tokens.toArray(new String[0]), allTags ? tags.toArray(new String[0]) : null));
            }
        }
        inBlock = false;
        firstLine = -1;
        lines.clear();
        linesChars = 0;
        tokens.clear();
        tags.clear();
        allTags = true;
        error = null;
    }

    @Override
    public boolean open() {
        return inBlock;
    }

    @Override
    public void end(List<Parsed> out) {
        flush(out);
    }
}
