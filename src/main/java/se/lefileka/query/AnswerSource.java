package se.lefileka.query;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Who answers the bundle's queries: FK, or the built-in sandbox with synthetic data. Answers from
 * the sandbox say so wherever they go ({@code "source": "SANDBOX"} in the result model and the
 * mass summary, the {@code source} column of the audit log), so made-up answers are never taken
 * for FK's.
 */
public enum AnswerSource {
    FK, SANDBOX;

    /** The serialization attribute that {@link QueryResult} appends as {@code source}. */
    public static final String ATTRIBUTE = "source";

    /** Makes every result the mapper writes carry this source, when it is the sandbox. */
    public ObjectMapper mark(ObjectMapper json) {
        if (this == SANDBOX) {
            json.setConfig(json.getSerializationConfig().withAttribute(ATTRIBUTE, name()));
        }
        return json;
    }

    /** The source the mapper's results carry. */
    public static AnswerSource of(ObjectMapper json) {
        return SANDBOX.name().equals(json.getSerializationConfig().getAttributes().getAttribute(ATTRIBUTE))
                ? SANDBOX : FK;
    }
}
