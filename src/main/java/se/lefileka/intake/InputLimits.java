package se.lefileka.intake;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.function.Function;

/**
 * How much of what users send the bundle reads ({@code bundle.input.*}): the size of one request
 * file or message, and Jackson's read constraints for every JSON value read from outside (nesting
 * depth, length of one string). Input over a limit is set aside with its reason, never half-read.
 */
public record InputLimits(long maxBytes, int maxNestingDepth, int maxStringLength) {

    public InputLimits {
        atLeastOne("bundle.input.max-bytes", maxBytes);
        atLeastOne("bundle.input.max-nesting-depth", maxNestingDepth);
        atLeastOne("bundle.input.max-string-length", maxStringLength);
    }

    /** The limits the settings give (checked at start by {@code Settings}). */
    public static InputLimits from(Function<String, String> properties) {
        return new InputLimits(Long.parseLong(properties.apply("bundle.input.max-bytes")),
                Integer.parseInt(properties.apply("bundle.input.max-nesting-depth")),
                Integer.parseInt(properties.apply("bundle.input.max-string-length")));
    }

    /**
     * A mapper for input from outside: the bundle's own, with these constraints, and refusing
     * anything after the JSON value (a second object, stray text).
     */
    public ObjectMapper reader(ObjectMapper bundleJson) {
        ObjectMapper input = bundleJson.copy().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        input.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(maxNestingDepth)
                .maxStringLength(maxStringLength)
                .maxDocumentLength(maxBytes)
                .build());
        return input;
    }

    /** Refuses input longer than {@code maxBytes}, before it is read. */
    public void checkSize(long bytes, String what) throws UnreadableInputException {
        if (bytes > maxBytes) {
            throw new UnreadableInputException(what + " is " + bytes + " bytes, over the limit of " + maxBytes
                    + " (bundle.input.max-bytes)");
        }
    }

    private static void atLeastOne(String key, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(key + " must be a whole number of 1 or more, not " + value);
        }
    }
}
