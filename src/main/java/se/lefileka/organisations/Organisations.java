package se.lefileka.organisations;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The organisations the bundle serves besides the default one (today's settings, unchanged): one
 * settings file each in {@code bundle.organisations.dir}, {@code <id>.properties}. Read and checked
 * at start like every other setting: a file that cannot work refuses the start, naming the file,
 * the key and why (all at once).
 */
public final class Organisations {

    /** The setting that names the organisation a bundle's context serves (the default's: {@value #DEFAULT}). */
    public static final String ORGANISATION_KEY = "bundle.organisation";
    public static final String DEFAULT = "default";
    public static final String DIR_KEY = "bundle.organisations.dir";

    /** What an organisation's file may set besides its budgets: its agreement with FK, its users, endpoints and database. */
    static final Set<String> OWN_KEYS = Set.of(
            "lefi.organisationsnummer",
            "fk.tls.key-store", "fk.tls.key-store-password", "fk.tls.key-store-password-file",
            "fk.tls.trust-store", "fk.tls.trust-store-password", "fk.tls.trust-store-password-file",
            "lefi.url", "leka.url", "lefi.api.version", "leka.api.version",
            "leka.notifications.endpoints",
            "jms.embedded.producer-user", "jms.embedded.producer-password", "jms.embedded.producer-password-file",
            "jms.embedded.consumer-user", "jms.embedded.consumer-password", "jms.embedded.consumer-password-file",
            "bundle.db.url", "bundle.db.user", "bundle.db.password");
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{1,39}");
    /** Folders of the default organisation's data folder: no organisation's folder may be one of them. */
    private static final Set<String> TAKEN_IDS = Set.of(DEFAULT, "inbox", "outbox", "archive", "error", "db",
            "broker", "cluster", "sandbox", "work", "audit");
    private static final Pattern ORGANISATIONSNUMMER = Pattern.compile("\\d{10}");
    /** An organisation's producer systems of their own, as the default's (jms.embedded.producers). */
    private static final Pattern PRODUCER_SYSTEM_KEY =
            Pattern.compile("jms\\.embedded\\.producers|jms\\.embedded\\.producer\\.[^.]+\\.(password|password-file|reply-prefix)");

    private final List<Organisation> all;

    private Organisations(List<Organisation> all) {
        this.all = all;
    }

    public static Organisations none() {
        return new Organisations(List.of());
    }

    /**
     * The organisations of the folder, checked against the default's settings; none when the folder
     * is unset or absent.
     *
     * @param placeholders resolves a value's placeholders ({@code {{env:NAME}}})
     * @param budgetKeys   the budgets' limits an organisation may set, at most the default's
     */
    public static Organisations read(UnaryOperator<String> defaults, UnaryOperator<String> placeholders,
                                     List<String> budgetKeys) {
        String dir = defaults.apply(DIR_KEY);
        if (dir.isBlank() || !Files.isDirectory(Path.of(dir))) {
            return none();
        }
        List<String> refusals = new ArrayList<>();
        List<Organisation> read = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(dir))) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".properties")).sorted().toList()) {
                read.add(readFile(file, placeholders, budgetKeys, refusals));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(DIR_KEY + " = " + dir + " cannot be read: " + e.getMessage(), e);
        }
        checkTogether(read, defaults, budgetKeys, refusals);
        if (!refusals.isEmpty()) {
            throw new IllegalArgumentException("Organisations that cannot work:\n  " + String.join("\n  ", refusals));
        }
        return new Organisations(List.copyOf(read));
    }

    private static Organisation readFile(Path file, UnaryOperator<String> placeholders, List<String> budgetKeys,
                                         List<String> refusals) {
        String name = file.getFileName().toString();
        String id = name.substring(0, name.length() - ".properties".length());
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            refusals.add(file + ": cannot be read: " + e.getMessage());
        }
        if (!ID.matcher(id).matches()) {
            refusals.add(file + ": the organisation's id (the file's name) is 2 to 40 of a-z, 0-9 and -, beginning with a letter");
        } else if (TAKEN_IDS.contains(id)) {
            refusals.add(file + ": " + id + " is a folder of the default organisation's data; name the organisation otherwise");
        }
        Map<String, String> settings = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            String value = properties.getProperty(key).trim();
            if (!OWN_KEYS.contains(key) && !budgetKeys.contains(key) && !PRODUCER_SYSTEM_KEY.matcher(key).matches()) {
                refusals.add(file + ": " + key + " is not an organisation's own setting (those are "
                        + "lefi.organisationsnummer, fk.tls.*, lefi.url, leka.url, lefi.api.version, leka.api.version, "
                        + "leka.notifications.endpoints, jms.embedded.producer-*, jms.embedded.consumer-*, "
                        + "jms.embedded.producers and jms.embedded.producer.<user>.*, bundle.db.* "
                        + "and the budgets' " + String.join(", ", budgetKeys) + ")");
            } else if (!value.isEmpty()) {
                try {
                    // a password from the environment: {{env:NAME}}
                    settings.put(key, placeholders.apply(value));
                } catch (RuntimeException e) {
                    refusals.add(file + ": " + key + " cannot be resolved: " + e.getMessage());
                }
            }
        }
        String number = settings.get("lefi.organisationsnummer");
        if (number == null || !ORGANISATIONSNUMMER.matcher(number).matches()) {
            refusals.add(file + ": lefi.organisationsnummer is required, 10 digits");
        }
        return new Organisation(id, file, settings);
    }

    private static void checkTogether(List<Organisation> read, UnaryOperator<String> defaults, List<String> budgetKeys,
                                      List<String> refusals) {
        Map<String, String> numbers = new HashMap<>(Map.of(defaults.apply("lefi.organisationsnummer"), DEFAULT));
        Map<String, String> users = new HashMap<>();
        Map<String, String> databases = new HashMap<>();
        Stream.concat(Stream.of("jms.embedded.producer-user", "jms.embedded.consumer-user", "jms.broker.user")
                .map(defaults), Organisation.list(defaults.apply("jms.embedded.producers")).stream())
                .filter(user -> !user.isBlank()).forEach(user -> users.put(user, DEFAULT));
        for (Organisation organisation : read) {
            String number = organisation.organisationsnummer();
            String sharing = number == null ? null : numbers.putIfAbsent(number, organisation.id());
            if (sharing != null) {
                refusals.add(organisation.file() + ": lefi.organisationsnummer is " + sharing
                        + "'s too: one organisation's budget is never shared");
            }
            for (String key : budgetKeys) {
                String value = organisation.settings().get(key);
                if (value != null && !atMost(value, defaults.apply(key))) {
                    refusals.add(organisation.file() + ": " + key + " = " + value + " is a whole number from 1 to "
                            + defaults.apply(key) + " (the SLA's, as the default's settings say)");
                }
            }
            for (String key : List.of("jms.embedded.producer-user", "jms.embedded.consumer-user")) {
                String user = organisation.settings().get(key);
                String other = user == null ? null : users.putIfAbsent(user, organisation.id());
                if (other != null) {
                    refusals.add(organisation.file() + ": " + key + " " + user + " is " + other
                            + "'s user too: a broker user belongs to one organisation");
                }
            }
            for (String system : organisation.producerSystems()) {
                String other = users.putIfAbsent(system, organisation.id());
                if (other != null) {
                    refusals.add(organisation.file() + ": jms.embedded.producers names " + system + ", " + other
                            + "'s user too: a broker user belongs to one organisation");
                }
                String prefix = organisation.replyPrefix(system);
                if (!prefix.startsWith(organisation.queuePrefix()) || prefix.length() == organisation.queuePrefix().length()) {
                    refusals.add(organisation.file() + ": jms.embedded.producer." + system + ".reply-prefix " + prefix
                            + " is not under the organisation's queues (" + organisation.queuePrefix() + "...)");
                }
            }
            String database = organisation.settings().get("bundle.db.url");
            String sharingDb = database == null ? null : databases.putIfAbsent(database, organisation.id());
            if (sharingDb != null || defaults.apply("bundle.db.url").equals(database)) {
                refusals.add(organisation.file() + ": bundle.db.url is " + (sharingDb == null ? DEFAULT : sharingDb)
                        + "'s too: each organisation keeps its state in a database of its own");
            }
            String defaultDb = defaults.apply("bundle.db.url");
            if (!organisation.settings().containsKey("bundle.db.url")
                    && !defaultDb.startsWith("jdbc:h2:file:" + defaults.apply("bundle.data.dir"))) {
                refusals.add(organisation.file() + ": bundle.db.url is required: the default's database is not "
                        + "under its data folder, and each organisation keeps its state in a database of its own");
            }
        }
    }

    private static boolean atMost(String value, String most) {
        try {
            long number = Long.parseLong(value);
            return number >= 1 && number <= Long.parseLong(most);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * Whether a queue's name is the organisation's: an organisation's are under its prefix; the
     * default's are any under no other organisation's prefix (of those this bundle serves).
     */
    public Predicate<String> ownsQueue(String organisation) {
        if (!DEFAULT.equals(organisation)) {
            return name -> name.startsWith(organisation + ".");
        }
        List<String> prefixes = all.stream().map(Organisation::queuePrefix).toList();
        return name -> prefixes.stream().noneMatch(name::startsWith);
    }

    public List<Organisation> all() {
        return all;
    }

    public boolean isEmpty() {
        return all.isEmpty();
    }
}
