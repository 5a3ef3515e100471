package se.lefileka.intake;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.apache.camel.Exchange;
import se.lefileka.message.ExchangeProperties;
import se.lefileka.message.Headers;

/**
 * Inbox files written slowly. The inboxes read a file only once it has stayed unchanged for the
 * stability time ({@code bundle.inbox.stable-millis}); a writer that paused for longer than that
 * may still leave a half-written file behind. Such a file, unreadable yet modified recently, gets
 * another read after the stability time (and another whenever it changed since the last read)
 * before it is set aside.
 */
public class InboxFiles {


    private final Duration stable;

    public InboxFiles(Duration stable) {
        if (stable.isNegative()) {
            throw new IllegalArgumentException("bundle.inbox.stable-millis must be 0 or more, not " + stable.toMillis());
        }
        this.stable = stable;
    }

    /**
     * Refuses, before a byte of it is read, an inbox file that will never be read: one whose
     * extension the inbox does not read (it is set aside once, with the reason, not left for ever),
     * and a symbolic link (its target, maybe outside the inbox, is never read).
     *
     * @param extensions the extensions the inbox reads, comma-separated, any case ("csv,jsonl")
     */
    public void accept(Exchange exchange, String extensions) throws UnreadableInputException {
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        String path = exchange.getMessage().getHeader(Exchange.FILE_PATH, String.class);
        if (path != null && Files.isSymbolicLink(Path.of(path))) {
            throw new UnreadableInputException("a symbolic link; an inbox reads regular files only, and the link's "
                    + "target was not read");
        }
        String extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
        if (!List.of(extensions.split(",")).contains(extension)) {
            throw new UnreadableInputException("this inbox reads ." + extensions.replace(",", " and .")
                    + " files only, whatever their case");
        }
    }

    /** Whether an unreadable inbox file is worth reading again after the stability time. */
    public boolean worthAnotherRead(Exchange exchange) {
        String path = exchange.getMessage().getHeader(Exchange.FILE_PATH, String.class);
        if (path == null || "mass".equals(exchange.getMessage().getHeader(Headers.KIND))
                || Files.isSymbolicLink(Path.of(path))) {
            return false;
        }
        long modified;
        try {
            modified = Files.getLastModifiedTime(Path.of(path)).toMillis();
        } catch (IOException e) {
            return false;
        }
        Long seen = exchange.getProperty(ExchangeProperties.FILE_SEEN_MODIFIED, Long.class);
        exchange.setProperty(ExchangeProperties.FILE_SEEN_MODIFIED, modified);
        boolean firstFailure = seen == null;
        // file times are the host's wall clock, whatever the bundle's clock says
        return firstFailure ? System.currentTimeMillis() - modified < 2 * stable.toMillis() : modified != seen;
    }
}
