package dev.seqtrain.corpus;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class CsvRecordParserTest {

    private static List<CsvRecordParser.Record> parse(String csv, int maxChars) throws IOException {
        CsvRecordParser parser = new CsvRecordParser(new StringReader(csv), ',', maxChars);
        List<CsvRecordParser.Record> out = new ArrayList<>();
        CsvRecordParser.Record r;
        while ((r = parser.next()) != null) out.add(r);
        return out;
    }

    private static List<CsvRecordParser.Record> parse(String csv) throws IOException {
        return parse(csv, 1000);
    }

    @Test
    void quotedFieldsHoldDelimitersDoubledQuotesAndLineBreaks() throws IOException {
        List<CsvRecordParser.Record> records = parse(
                "label,text\r\n"
                        + "pos,\"a, b \"\"quoted\"\" c\"\r\n"
                        + "neg,\"line one\r\nline two\nline three\"\n"
                        + "pos,plain\n");
        assertEquals(4, records.size());
        assertEquals(List.of("label", "text"), records.get(0).fields());
        assertEquals(List.of("pos", "a, b \"quoted\" c"), records.get(1).fields());
        assertEquals(List.of("neg", "line one\nline two\nline three"), records.get(2).fields());
        assertEquals(List.of("pos", "plain"), records.get(3).fields());
        assertEquals(List.of(0L, 1L, 2L, 5L), records.stream().map(CsvRecordParser.Record::startLine).toList());
        records.forEach(r -> assertNull(r.error()));
    }

    @Test
    void emptyFieldsBlankLinesAndStrayQuotesInUnquotedFields() throws IOException {
        List<CsvRecordParser.Record> records = parse("a,,\"\"\n\n\r\nsay 5\" tall,x,y");
        assertEquals(2, records.size());
        assertEquals(List.of("a", "", ""), records.get(0).fields());
        assertEquals(List.of("say 5\" tall", "x", "y"), records.get(1).fields());
        assertEquals(3L, records.get(1).startLine());
        assertEquals("say 5\" tall,x,y", records.get(1).raw());
    }

    @Test
    void brokenRecordsComeBackWithTheirErrorAndTheFileGoesOn() throws IOException {
        List<CsvRecordParser.Record> records = parse("pos,\"closed\"junk\nneg,fine\npos,\"never closed\nneg,lost\n");
        assertEquals(3, records.size());
        assertEquals("text after a closing quote", records.get(0).error());
        assertEquals(List.of("neg", "fine"), records.get(1).fields());
        assertEquals("unterminated quote starting at line 3 swallowed 2 lines (to the end of the file)",
                records.get(2).error());
        assertEquals(2L, records.get(2).startLine());
        assertEquals("pos,\"never closed\nneg,lost\n", records.get(2).raw() + "\n");
    }

    @Test
    void aRecordOverTheLimitIsAnErrorNotAMemoryHog() throws IOException {
        List<CsvRecordParser.Record> records = parse("pos,\"" + "x".repeat(5000) + "\"\nneg,ok\n", 100);
        assertEquals(2, records.size());
        assertEquals("record longer than 100 characters", records.get(0).error());
        assertEquals(List.of(), records.get(0).fields());
        assertEquals(CorpusSchemas.MAX_RAW_CHARS, records.get(0).raw().length());
        assertEquals(List.of("neg", "ok"), records.get(1).fields());
    }
}
