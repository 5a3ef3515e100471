package se.lefileka.operations;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API version each service is spoken in and, where one is configured, that version's end of
 * life: from {@code warnDays} ahead the bundle warns and reports the version degraded.
 */
public class ApiVersions {

    /** One service's version and its end of life (null when none is configured). */
    public record Version(String service, String version, LocalDate endOfLife) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(ApiVersions.class);

    private final List<Version> versions;
    private final int warnDays;
    private final Clock clock;

    public ApiVersions(List<Version> versions, int warnDays, Clock clock) {
        this.versions = List.copyOf(versions);
        this.warnDays = warnDays;
        this.clock = clock;
    }

    public List<Version> versions() {
        return versions;
    }

    /** Warnings about versions within {@code warnDays} of their end of life, or past it. */
    public List<String> warnings() {
        LocalDate today = LocalDate.now(clock);
        List<String> warnings = new ArrayList<>();
        for (Version v : versions) {
            if (v.endOfLife() == null) {
                continue;
            }
            long days = ChronoUnit.DAYS.between(today, v.endOfLife());
            if (days < 0) {
                warnings.add(v.service().toUpperCase() + " " + v.version() + " reached its end of life on "
                        + v.endOfLife() + ": set " + v.service() + ".api.version to a newer version");
            } else if (days <= warnDays) {
                warnings.add(v.service().toUpperCase() + " " + v.version() + " ends on " + v.endOfLife() + ", in "
                        + days + " days: move to a newer version (" + v.service() + ".api.version) before then");
            }
        }
        return warnings;
    }

    /** Whether a version in use is past its end of life. */
    public boolean pastEndOfLife() {
        LocalDate today = LocalDate.now(clock);
        return versions.stream().anyMatch(v -> v.endOfLife() != null && v.endOfLife().isBefore(today));
    }

    /** Logs the warnings (at start). */
    public void logWarnings() {
        warnings().forEach(warning -> LOG.warn("API version: {}", warning));
    }

    /** For health details: service to version and end of life. */
    public Map<String, Object> details() {
        Map<String, Object> details = new java.util.LinkedHashMap<>();
        for (Version v : versions) {
            details.put(v.service() + ".version", v.version());
            if (v.endOfLife() != null) {
                details.put(v.service() + ".endOfLife", v.endOfLife().toString());
            }
        }
        return details;
    }
}
