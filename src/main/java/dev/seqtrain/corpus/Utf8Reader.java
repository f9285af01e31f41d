package dev.seqtrain.corpus;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Buffered UTF-8 text of a stream, a leading byte order mark removed, that says where its bytes were not UTF-8: each
 * bad sequence reads as U+FFFD (as Java's and Hadoop's replacing decoders do) and is counted when that character is
 * handed out, not when its buffer is decoded, so a parser can tell which record held it. Not thread-safe.
 */
final class Utf8Reader extends Reader {
    private static final int BUFFER = 1 << 16;

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER).flip();
    private final CharBuffer chars = CharBuffer.allocate(BUFFER).flip();
    private long bytesRead;
    private boolean eof;
    private boolean flushed;
    private boolean started;
    /** 0-based offset of a bad sequence decoded but not yet handed out, or -1. */
    private long pendingError = -1;
    private long errors;
    private long firstErrorSinceMark = -1;

    Utf8Reader(InputStream in) {
        this.in = in;
    }

    /** How many bad sequences have been read so far. */
    long errors() {
        return errors;
    }

    /** Starts a new span (a record) for {@link #firstErrorSinceMark()}. */
    void markErrors() {
        firstErrorSinceMark = -1;
    }

    /** 0-based byte offset, in the (decompressed) stream, of the first bad sequence read since the mark; -1 if none. */
    long firstErrorSinceMark() {
        return firstErrorSinceMark;
    }

    @Override
    public int read() throws IOException {
        if (!chars.hasRemaining() && !fill()) return -1;
        return chars.get();
    }

    @Override
    public int read(char[] buffer, int off, int len) throws IOException {
        if (len == 0) return 0;
        if (!chars.hasRemaining() && !fill()) return -1;
        int n = Math.min(len, chars.remaining());
        chars.get(buffer, off, n);
        return n;
    }

    /** Refills {@link #chars}; false at the end of the stream. */
    private boolean fill() throws IOException {
        while (true) {
            if (pendingError >= 0) {
                chars.clear().put('\uFFFD').flip();
                started = true;
                errors++;
                if (firstErrorSinceMark < 0) firstErrorSinceMark = pendingError;
                pendingError = -1;
                return true;
            }
            if (flushed) return false;
            chars.clear();
            CoderResult result = decoder.decode(bytes, chars, eof);
            if (result.isError()) {
                pendingError = bytesRead - bytes.remaining();
                bytes.position(bytes.position() + result.length());
            } else if (result.isUnderflow() && eof) {
                decoder.flush(chars);
                flushed = true;
            }
            chars.flip();
            if (!started && chars.hasRemaining()) {
                started = true;
                if (chars.get(chars.position()) == '\uFEFF') chars.get();
            }
            if (chars.hasRemaining()) return true;
            if (result.isUnderflow() && !eof) readBytes();
        }
    }

    private void readBytes() throws IOException {
        bytes.compact();
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
            eof = true;
        } else {
            bytes.position(bytes.position() + n);
            bytesRead += n;
        }
        bytes.flip();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
