package se.lefileka.intake;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Text users send, as UTF-8: strictly (a byte that is not UTF-8 is refused, at its offset), a byte order mark dropped. */
public final class Utf8 {

    /** The character a reader puts where a mass file's byte is not UTF-8. */
    public static final char NOT_UTF8 = '\uFFFD';
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private Utf8() {
    }

    public static String decode(byte[] bytes, String what) throws UnreadableInputException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new UnreadableInputException(what + " is not UTF-8 text (byte offset " + in.position() + ")");
        }
        decoder.flush(out);
        return withoutByteOrderMark(out.flip().toString());
    }

    public static String withoutByteOrderMark(String text) {
        return text != null && !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
    }
}
