package se.lefileka.mass;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The rows of a mass input in groups, for the splitter to stream: at most {@code maxRows} rows and,
 * whatever the rows' lengths, hardly more than {@code maxChars} characters a group (a group holds
 * at least one row), so no group outgrows memory. In CSV a quoted field may hold a line break
 * (RFC 4180): such a row is kept whole, its line breaks marked {@link #LINE_BREAK}, so that it is
 * one row (its row format rejects it) and every row after it keeps its number.
 */
final class RowGroups implements Iterator<String>, Closeable {

    /** Marks a line break inside a quoted CSV field (a Unicode noncharacter: never in text). */
    static final char LINE_BREAK = '\uFFFE';

    private final BufferedReader input;
    private final int maxRows;
    private final long maxChars;
    private final boolean csv;
    private final long maxRowChars;
    private String next;
    private boolean ended;

    /** @param maxRowChars how long a row spanning lines may grow before it is closed (it is rejected as too long) */
    RowGroups(BufferedReader input, int maxRows, long maxChars, boolean csv, long maxRowChars) {
        this.input = input;
        this.maxRows = maxRows;
        this.maxChars = maxChars;
        this.csv = csv;
        this.maxRowChars = maxRowChars;
    }

    @Override
    public boolean hasNext() {
        if (next == null && !ended) {
            next = group();
        }
        return next != null;
    }

    @Override
    public String next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        String group = next;
        next = null;
        return group;
    }

    private String group() {
        StringBuilder group = new StringBuilder();
        int rows = 0;
        while (rows < maxRows && (rows == 0 || group.length() < maxChars)) {
            String row = row();
            if (row == null) {
                ended = true;
                break;
            }
            if (rows++ > 0) {
                group.append('\n');
            }
            group.append(row);
        }
        return rows == 0 ? null : group.toString();
    }

    private String row() {
        try {
            String line = input.readLine();
            if (line == null || !csv) {
                return line;
            }
            StringBuilder row = new StringBuilder(line);
            while (openQuote(row) && row.length() <= maxRowChars) {
                String more = input.readLine();
                if (more == null) {
                    break;
                }
                row.append(LINE_BREAK).append(more);
            }
            if (row.length() > maxRowChars) {
                row.append(BoundedLines.CUT);
            }
            return row.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the row ends inside a quoted field (an odd number of quotes: {@code ""} within a field counts two). */
    private static boolean openQuote(CharSequence row) {
        int quotes = 0;
        for (int i = 0; i < row.length(); i++) {
            if (row.charAt(i) == '"') {
                quotes++;
            }
        }
        return quotes % 2 == 1;
    }

    @Override
    public void close() throws IOException {
        input.close();
    }
}
