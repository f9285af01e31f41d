package dev.seqtrain.corpus;

import org.apache.hadoop.io.Text;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes the lines Hadoop's line reader returns as raw bytes, reporting bytes that are not UTF-8 where
 * {@link Text#toString()} would replace them. The same one decode per line as Text's, so no slower. One per task.
 */
final class Utf8Lines {
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private long badByte = -1;

    /** The line's text, or null when its bytes are not UTF-8; {@link #badByte()} then says where. */
    String decode(Text line) {
        ByteBuffer in = ByteBuffer.wrap(line.getBytes(), 0, line.getLength());
        try {
            return decoder.decode(in).toString();
        } catch (CharacterCodingException e) {
            badByte = in.position(); // the decoder stops at the start of the bad sequence
            return null;
        }
    }

    /** 0-based offset in the line of the first bad byte of the last line that failed. */
    long badByte() {
        return badByte;
    }
}
