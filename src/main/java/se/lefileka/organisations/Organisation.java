package se.lefileka.organisations;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One organisation the bundle serves besides the default one: its id (the name of its settings
 * file, {@code config/organisations/<id>.properties}) and the settings that file gives, in the
 * bundle's own keys ({@link Organisations#OWN_KEYS}). Everything of the organisation is its own:
 * its data folder {@code <bundle.data.dir>/<id>} (inboxes, outboxes, archive, database, cluster
 * lock), its queues (each named {@code <id>.<the default's name>}), its budgets and its leader.
 */
public record Organisation(String id, Path file, Map<String, String> settings) {

    /** The keys whose values are queue names: an organisation's are the default's under its prefix. */
    public static final List<String> QUEUE_KEYS = List.of(
            "lefi.online.requests-queue", "lefi.online.responses-queue", "lefi.mass.requests-queue",
            "lefi.mass.results-queue", "leka.subscriptions.requests-queue", "leka.subscriptions.responses-queue",
            "leka.notifications.queue", "jms.dead-letter-queue", "lane.online.queue",
            "lane.online.notifications-queue", "lane.online.bulk-queue", "lane.mass.queue", "lane.mass.tally-queue",
            "leka.notifications.delivery-queue", "leka.notifications.retry-queue");

    /** Every queue and reply destination of the organisation begins with this. */
    public String queuePrefix() {
        return id + ".";
    }

    /** Its producer systems of their own ({@code jms.embedded.producers}), each its own broker user. */
    public List<String> producerSystems() {
        return list(settings.getOrDefault("jms.embedded.producers", ""));
    }

    /** Where a producer system's reply queues are: under the organisation's prefix, by default {@code <id>.<user>.}. */
    public String replyPrefix(String system) {
        return settings.getOrDefault("jms.embedded.producer." + system + ".reply-prefix", queuePrefix() + system + ".");
    }

    /** The names in a comma-separated setting. */
    public static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(name -> !name.isEmpty()).toList();
    }

    public String organisationsnummer() {
        return settings.get("lefi.organisationsnummer");
    }

    /**
     * The settings the organisation's bundle runs on, over the default's ({@code defaults}): its
     * own from its file, its data folder and its queues.
     */
    public Map<String, String> overrides(UnaryOperator<String> defaults) {
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put(Organisations.ORGANISATION_KEY, id);
        overrides.put("camel.main.name", "lefi-leka-bundle-" + id);
        overrides.put("bundle.data.dir", Path.of(defaults.apply("bundle.data.dir")).resolve(id).toString());
        QUEUE_KEYS.forEach(key -> overrides.put(key, queuePrefix() + defaults.apply(key)));
        // a leader of its own: its lock is under its data folder (file), its lease of its own name (kubernetes)
        overrides.put("bundle.cluster.kubernetes.lease", defaults.apply("bundle.cluster.kubernetes.lease") + "-" + id);
        overrides.putAll(settings);
        return overrides;
    }
}
