package se.lefileka.mass;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * A mass input whose lines are cut at a length limit, so that a line without end is never held in
 * memory whole: the rest of a longer line is skipped, and {@link #CUT} marks where it was cut. The
 * row format rejects a row so marked; the rows after it are read as usual.
 */
final class BoundedLines extends FilterReader {

    /** Marks a line cut at the limit (a Unicode noncharacter: never in text). */
    static final char CUT = '\uFFFF';

    private final long maxChars;
    private long lineLength;

    /** @param in a buffered reader (it is read one character at a time) */
    BoundedLines(Reader in, long maxChars) {
        super(in);
        this.maxChars = maxChars;
    }

    @Override
    public int read() throws IOException {
        while (true) {
            int c = in.read();
            if (c < 0 || c == '\n') {
                lineLength = 0;
                return c;
            }
            lineLength++;
            if (lineLength <= maxChars) {
                return c;
            }
            if (lineLength == maxChars + 1) {
                return CUT;
            }
        }
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n = 0;
        while (n < length) {
            int c = read();
            if (c < 0) {
                return n == 0 ? -1 : n;
            }
            buffer[offset + n++] = (char) c;
            if (c == '\n' && !in.ready()) {
                break;
            }
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = 0;
        while (skipped < n && read() >= 0) {
            skipped++;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
