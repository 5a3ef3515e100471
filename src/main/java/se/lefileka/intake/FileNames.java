package se.lefileka.intake;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import se.lefileka.message.ExchangeProperties;
import se.lefileka.message.Headers;

/**
 * The names of the files the bundle writes. A name that comes from outside (a file's own name, a
 * {@code requestId}, a notification id) is checked where the file is written; every name fits the
 * file system (255 bytes), so archiving never fails for a long name; and nothing is overwritten: a
 * name already taken gets a distinct one that begins the same.
 */
public class FileNames {

    private static final String REPORT = ".error.json";
    /** The longest file name most file systems take, in bytes. */
    static final int MAX_NAME_BYTES = 255;
    private static final int MAX_NAME_CHARS = 200;
    private static final Pattern UNSAFE = Pattern.compile("[/\\\\\\p{Cntrl}]|^\\.\\.?$|^\\.|\\.\\.");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS");
    /** The kinds whose answers are files in {@code outbox/<kind>/}. */
    private static final Set<String> ANSWER_KINDS = Set.of("online", "subscriptions");
    /** The inboxes, whose unreadable files are set aside in {@code error/<kind>/}. */
    private static final Set<String> INBOX_KINDS = Set.of("online", "subscriptions", "mass", "audit");
    private static final int RECENT = 10_000;

    private final Path dataDir;
    /** Names given but perhaps not yet on disk (a file is written under a temporary name first). */
    private final Set<Path> recentlyGiven = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, Boolean> eldest) {
            return size() > RECENT;
        }
    });

    public FileNames(Path dataDir) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
    }

    /** The name an inbox file is archived under: its own, then when it was read, fitted to the file system. */
    public String archived(Exchange exchange) {
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : "";
        return fit(base, "-" + LocalDateTime.now().format(STAMP) + extension);
    }

    /** The name an unreadable inbox file is set aside under in {@code error/<kind>/}: its own, unless that is taken. */
    public String setAside(Exchange exchange) {
        String given = exchange.getProperty(ExchangeProperties.SET_ASIDE_NAME, String.class);
        if (given == null) {
            String kind = exchange.getMessage().getHeader(Headers.KIND, String.class);
            if (!INBOX_KINDS.contains(kind)) {
                throw new IllegalArgumentException("no inbox of kind " + kind);
            }
            String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
            given = free(dataDir.resolve("error").resolve(kind), name, "", REPORT);
            exchange.setProperty(ExchangeProperties.SET_ASIDE_NAME, given);
        }
        return given;
    }

    /** The path, under {@code error/}, of the report written beside a set-aside file: {@code <kind>/<name>.error.json}. */
    public String errorReport(Exchange exchange) {
        return exchange.getMessage().getHeader(Headers.KIND, String.class) + "/" + setAside(exchange) + REPORT;
    }

    /**
     * The path, under the outbox, of an answer to a query or command that came as a file:
     * {@code <kind>/<requestId>.json}, or {@code <kind>/<requestId>-2.json} (-3, ...) when that name is taken.
     */
    public String answer(Exchange exchange) {
        String kind = exchange.getMessage().getHeader(Headers.KIND, String.class);
        if (!ANSWER_KINDS.contains(kind)) {
            throw new IllegalArgumentException("no outbox for answers of kind " + kind);
        }
        String requestId = checked(exchange.getMessage().getHeader(Headers.REQUEST_ID, String.class));
        return kind + "/" + free(dataDir.resolve("outbox").resolve(kind), requestId, ".json", "");
    }

    /**
     * The name a notification is delivered under to a file endpoint: {@code <notificationId>.json}; an
     * id (it comes from LEKA) that is no safe file name is replaced by a digest of it.
     */
    public String notification(Exchange exchange) {
        String id = exchange.getMessage().getHeader(Headers.NOTIFICATION_ID, String.class);
        try {
            return checked(id) + ".json";
        } catch (IllegalArgumentException e) {
            return "notification-" + HexFormat.of().formatHex(digest(String.valueOf(id))).substring(0, 32) + ".json";
        }
    }

    /** {@code <base><ending>}, or {@code <base>-2<ending>} ..., the first name not taken in the folder. */
    public static String firstFree(Path folder, String base, String ending) {
        return distinct(base, ending, MAX_NAME_BYTES, name -> Files.exists(folder.resolve(name)));
    }

    /** A name from outside, as it may be written: no path separators, dots that climb, or control characters. */
    public static String checked(String name) {
        if (name == null || name.isEmpty() || UNSAFE.matcher(name).find() || name.length() > MAX_NAME_CHARS) {
            throw new IllegalArgumentException("not a safe file name");
        }
        return name;
    }

    /** {@code base + suffix}, the base shortened (whole characters) until the name fits in 255 bytes. */
    static String fit(String base, String suffix) {
        return fit(base, suffix, MAX_NAME_BYTES);
    }

    private static String fit(String base, String suffix, int maxBytes) {
        int room = maxBytes - bytes(suffix);
        String fitted = base;
        while (bytes(fitted) > room) {
            fitted = fitted.substring(0, fitted.offsetByCodePoints(fitted.length(), -1));
        }
        return fitted + suffix;
    }

    /**
     * {@code <base><ending>}, or {@code <base>-2<ending>} ..., the first whose file (and the file of
     * that name with {@code companion} added) is not there; fitted so that the companion's name fits too.
     */
    private synchronized String free(Path folder, String base, String ending, String companion) {
        return distinct(base, ending, MAX_NAME_BYTES - bytes(companion), name -> Files.exists(folder.resolve(name))
                || Files.exists(folder.resolve(name + companion)) || !recentlyGiven.add(folder.resolve(name)));
    }

    /** {@code <base><ending>}, or {@code <base>-2<ending>} ..., each fitted to {@code maxBytes}: the first not taken. */
    private static String distinct(String base, String ending, int maxBytes, Predicate<String> taken) {
        for (int n = 1; ; n++) {
            String name = fit(base, (n == 1 ? "" : "-" + n) + ending, maxBytes);
            if (!taken.test(name)) {
                return name;
            }
        }
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
