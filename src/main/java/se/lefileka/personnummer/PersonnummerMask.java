package se.lefileka.personnummer;

import java.util.regex.Pattern;

/**
 * Masks anything written like a personnummer or samordningsnummer (with or without century, with
 * or without a separator, whichever) as {@value #MASK}: for every log line ({@link MaskingConverter})
 * and for text that leaves the bundle by other ways (trace spans).
 */
public final class PersonnummerMask {

    public static final String MASK = "[personnummer]";
    /** Between date and number: nothing, + or -, any other dash, a space or an underscore. */
    private static final String SEPARATOR = "[-+_\\s\u2010-\u2015\u2212]?";
    private static final Pattern LIKE_A_PERSONNUMMER = Pattern.compile(
            "(?<![0-9])(19|20)?[0-9]{2}(0[1-9]|1[0-2])([0-2][0-9]|3[01]|[6-8][0-9]|9[01])" + SEPARATOR + "[0-9]{4}(?![0-9])");

    private PersonnummerMask() {
    }

    public static String mask(String text) {
        return text == null ? null : LIKE_A_PERSONNUMMER.matcher(text).replaceAll(MASK);
    }
}
