package se.lefileka.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * An end-to-end test that judges the SLA: its bundle runs on the SLA's own limits against a sandbox
 * that refuses every breach, and it runs alone (Maven's failsafe execution {@code sla}), never beside
 * other tests whose load would skew its timing. Every other end-to-end test runs on lifted limits.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("sla")
public @interface SlaJudged {
}
