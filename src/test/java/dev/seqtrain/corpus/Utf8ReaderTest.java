package dev.seqtrain.corpus;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The decoding reader under whole-file formats: the same text as a replacing decoder, bad bytes found where read. */
class Utf8ReaderTest {

    /** Hands out at most a few bytes per read, so sequences straddle every buffer boundary. */
    private static InputStream trickle(byte[] data) {
        return new FilterInputStream(new ByteArrayInputStream(data)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 7));
            }
        };
    }

    @Test
    void readsWhatAReplacingDecoderReadsAndCountsEachBadSequenceWhenItIsReached() throws IOException {
        check(true);
        check(false); // whole buffers: bad bytes decoded far ahead of the reader
    }

    private static void check(boolean slow) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}); // byte order mark: dropped
        List<Long> badAt = new ArrayList<>();
        for (int i = 0; i < 30_000; i++) {
            out.writeBytes(("naïve €" + i + " ").getBytes(StandardCharsets.UTF_8));
            if (i % 10_000 == 5) {
                badAt.add((long) out.size());
                out.write(0xE9); // Latin-1 é, then ASCII: not UTF-8
            }
        }
        out.write(0xC3); // a sequence cut off by the end of the input
        byte[] data = out.toByteArray();
        String expected = new String(data, 3, data.length - 3, StandardCharsets.UTF_8);

        try (Utf8Reader in = new Utf8Reader(slow ? trickle(data) : new ByteArrayInputStream(data))) {
            StringBuilder text = new StringBuilder();
            List<Long> counts = new ArrayList<>();
            List<Long> offsets = new ArrayList<>();
            while (true) {
                in.markErrors();
                int c = in.read();
                if (c == -1) break;
                text.append((char) c);
                if (c == '\uFFFD') counts.add(in.errors()); // counted as handed out, not as decoded ahead
                if (in.firstErrorSinceMark() >= 0) {
                    assertEquals('\uFFFD', (char) c, "a bad sequence belongs to the character it became");
                    offsets.add(in.firstErrorSinceMark());
                }
            }
            assertEquals(expected, text.toString());
            assertEquals(List.of(1L, 2L, 3L, 4L), counts);
            List<Long> all = new ArrayList<>(badAt);
            all.add((long) data.length - 1);
            assertEquals(all, offsets, "0-based offsets of the bad bytes, the byte order mark included");
        }
        try (Utf8Reader in = new Utf8Reader(slow ? trickle(data) : new ByteArrayInputStream(data))) {
            StringBuilder text = new StringBuilder();
            char[] buffer = new char[1000];
            int n;
            while ((n = in.read(buffer, 0, buffer.length)) != -1) text.append(buffer, 0, n);
            assertEquals(expected, text.toString());
            assertEquals(4, in.errors());
            assertEquals((long) badAt.get(0), in.firstErrorSinceMark(), "the first bad byte");
        }
    }
}
