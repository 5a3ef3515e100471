package se.lefileka.config;

import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.function.Function;
import java.util.function.Predicate;
import se.lefileka.calendar.Hours;

/**
 * Checks every setting before anything starts: a value that cannot work refuses the start, naming
 * the key, the value and what is allowed (all such values at once), rather than a bundle that
 * starts "UP" and then fails every call.
 */
public final class Settings {

    /** CONTRACT.md: a mass submission, a fetch and an acknowledgement take 1 to 500 items. */
    private static final long MAX_CHUNK = 500;
    private static final Pattern BUNDLE_KEY = Pattern.compile("(lefi|leka|jms|bundle|fk|sla|lane|camel)\\.");
    private static final Pattern SECRET_KEY = Pattern.compile("(?i)key|password|secret|token");
    private static final String MASK = "xxxxxx";
    private static final Set<String> API_VERSIONS = Set.of("v1", "v2");
    /** The pseudonym key the shipped properties hold: published, so pseudonyms made with it can be reversed. */
    static final String PLACEHOLDER_PSEUDONYM_KEY = "change-this-secret";

    private final Function<String, String> properties;
    private final List<String> refusals = new ArrayList<>();

    private Settings(Function<String, String> properties) {
        this.properties = properties;
    }

    /**
     * The bundle's settings as in effect (from whichever source), one per line, in key order: the
     * value of every key naming a key, password, secret or token masked.
     */
    public static String summary(Set<String> keys, Function<String, String> properties) {
        StringBuilder summary = new StringBuilder("Settings in effect:");
        for (String key : new TreeSet<>(keys)) {
            if (BUNDLE_KEY.matcher(key).lookingAt()) {
                String value = properties.apply(key);
                summary.append("\n    ").append(key).append(" = ")
                        .append(SECRET_KEY.matcher(key).find() && !value.isEmpty() ? MASK : value);
            }
        }
        return summary.toString();
    }

    /** Throws, listing each refused setting, if any setting cannot work. */
    public static void check(Function<String, String> properties) {
        Settings settings = new Settings(properties);
        settings.checkAll();
        if (!settings.refusals.isEmpty()) {
            throw new IllegalArgumentException("Settings that cannot work:\n  " + String.join("\n  ", settings.refusals));
        }
    }

    private void checkAll() {
        for (String lane : List.of("online", "mass")) {
            atLeast(1, "lane." + lane + ".threads", "lane." + lane + ".per-second", "lane." + lane + ".window-millis");
            atLeast(0, "lane." + lane + ".gap-millis");
        }
        range(1, MAX_CHUNK, "lefi.mass.chunk-size");
        range(1, MAX_CHUNK, "leka.notifications.page-size");
        atLeast(1, "lefi.mass.group-max-bytes", "lefi.mass.first-poll-millis", "lefi.mass.max-poll-millis",
                "lefi.mass.progress-interval-millis", "lefi.mass.reconcile-millis", "lefi.mass.stuck-after-millis",
                "lane.gate.check-millis",
                "lane.retry.max-millis", "lane.retry.first-backoff-millis", "lane.retry.max-backoff-millis",
                "leka.notifications.fetch-millis", "leka.notifications.retry-millis", "leka.notifications.max-attempts",
                "leka.notifications.acknowledge-batch", "leka.notifications.acknowledge-millis",
                "leka.notifications.lost-after-millis", "bundle.input.max-bytes", "bundle.input.max-nesting-depth",
                "bundle.input.max-string-length");
        atLeast(0, "lane.gate.margin-millis", "lane.retry.unreadable-reads", "bundle.inbox.stable-millis",
                "leka.notifications.first-fetch-millis", "leka.notifications.endpoint-retries",
                "leka.notifications.endpoint-retry-millis", "bundle.api.end-of-life.warn-days");
        range(0, 65535, "bundle.http.port");
        range(0, 65535, "lefi.sandbox.port");
        atLeast(0, "lefi.sandbox.notify-every-millis");
        for (String day : List.of("weekday", "saturday", "sunday", "day-before-holiday")) {
            hours("lefi.mass.hours." + day);
        }
        for (String api : List.of("lefi", "leka")) {
            oneOf(API_VERSIONS, api + ".api.version");
            url(api + ".url");
            for (String version : API_VERSIONS) {
                date(api + ".api.end-of-life." + version);
            }
        }
        pseudonymKey();
        oneOf(Set.of("none", "file", "kubernetes"), "bundle.cluster.mode");
        if (!properties.apply("jms.embedded.tls-acceptor").isEmpty()
                && properties.apply("jms.embedded.tls.key-store").isEmpty()) {
            refuse("jms.embedded.tls.key-store", "", "a PKCS12 key store with the broker's certificate, as "
                    + "jms.embedded.tls-acceptor is set");
        }
        bool("lefi.sandbox.enabled", "jms.embedded.security", "lefi.mass.gate.enabled",
                "lefi.online.service-window.hold", "bundle.tracing.enabled");
    }

    /** Against FK (lefi.url or leka.url set), the audit log's pseudonyms need a key of the organisation's own. */
    private void pseudonymKey() {
        String key = "bundle.audit.pseudonym-key";
        String value = properties.apply(key);
        boolean againstFk = !properties.apply("lefi.url").isEmpty() || !properties.apply("leka.url").isEmpty();
        if (value.isEmpty() || againstFk && value.equals(PLACEHOLDER_PSEUDONYM_KEY)) {
            refusals.add(key + ": must be a secret of your own (e.g. BUNDLE_AUDIT_PSEUDONYM_KEY), not "
                    + (value.isEmpty() ? "empty" : "the placeholder shipped in the properties") + ", when lefi.url "
                    + "or leka.url is set: pseudonyms made with a published key can be reversed");
        }
    }

    private void atLeast(long min, String... keys) {
        for (String key : keys) {
            number(key, value -> value >= min, "a whole number of " + min + " or more");
        }
    }

    private void range(long min, long max, String key) {
        number(key, value -> value >= min && value <= max, "a whole number from " + min + " to " + max);
    }

    private void number(String key, Predicate<Long> allowed, String what) {
        String value = properties.apply(key);
        try {
            if (allowed.test(Long.parseLong(value))) {
                return;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        refuse(key, value, what);
    }

    private void hours(String key) {
        String value = properties.apply(key);
        try {
            Hours.parse(value);
        } catch (IllegalArgumentException e) {
            refuse(key, value, "HH:MM-HH:MM, opening before closing (24:00 for midnight)");
        }
    }

    private void oneOf(Set<String> allowed, String key) {
        String value = properties.apply(key);
        if (!allowed.contains(value)) {
            refuse(key, value, "one of " + String.join(", ", allowed.stream().sorted().toList()));
        }
    }

    /** Empty (the sandbox serves it), or an http or https URL with a host. */
    private void url(String key) {
        String value = properties.apply(key);
        if (value.isEmpty()) {
            return;
        }
        try {
            URI uri = new URI(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return;
            }
        } catch (java.net.URISyntaxException e) {
            // refused below
        }
        refuse(key, value, "empty, or an http:// or https:// URL with a host");
    }

    private void date(String key) {
        String value = properties.apply(key);
        if (value.isEmpty()) {
            return;
        }
        try {
            LocalDate.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            refuse(key, value, "empty, or a date YYYY-MM-DD");
        }
    }

    private void bool(String... keys) {
        for (String key : keys) {
            String value = properties.apply(key);
            if (!"true".equals(value) && !"false".equals(value)) {
                refuse(key, value, "true or false");
            }
        }
    }

    private void refuse(String key, String value, String allowed) {
        refusals.add(key + " = '" + value + "': must be " + allowed);
    }
}
