package se.lefileka.personnummer;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A checked Swedish personnummer or samordningsnummer, held in the 12-digit wire form
 * {@code YYYYMMDDNNNN}.
 * <p>
 * Accepted written forms: {@code YYYYMMDD-NNNN}, {@code YYYYMMDDNNNN}, {@code YYMMDD-NNNN},
 * {@code YYMMDD+NNNN} and {@code YYMMDDNNNN}. For the short forms the century is the one that
 * makes the person younger than 100 years, or, with {@code +}, at least 100 years old.
 * A samordningsnummer has 60 added to the day of birth. The check digit is the Luhn digit
 * over the ten digits without the century, and serial {@code 000} is never issued.
 * <p>
 * {@link #toString()} never shows the number; use {@link #digits()} where the number is needed.
 */
public final class Personnummer {

    private static final Pattern LONG = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})-?(\\d{3})(\\d)");
    private static final Pattern SHORT = Pattern.compile("(\\d{2})(\\d{2})(\\d{2})([-+]?)(\\d{3})(\\d)");

    private final String digits;
    private final boolean samordningsnummer;

    private Personnummer(String digits, boolean samordningsnummer) {
        this.digits = digits;
        this.samordningsnummer = samordningsnummer;
    }

    /**
     * Parses and checks a written personnummer.
     *
     * @param written the number as a person wrote it
     * @param today   the date to judge the century and "not born in the future" against
     * @throws InvalidPersonnummerException saying why, without repeating the number
     */
    public static Personnummer parse(String written, LocalDate today) {
        if (written == null || written.isBlank()) {
            throw new InvalidPersonnummerException("is missing");
        }
        Matcher longForm = LONG.matcher(written);
        if (longForm.matches()) {
            return checked(Integer.parseInt(longForm.group(1)), longForm.group(2), longForm.group(3),
                    longForm.group(4), longForm.group(5), today);
        }
        Matcher shortForm = SHORT.matcher(written);
        if (shortForm.matches()) {
            int year = century(Integer.parseInt(shortForm.group(1)), shortForm.group(2), shortForm.group(3),
                    "+".equals(shortForm.group(4)), today);
            return checked(year, shortForm.group(2), shortForm.group(3), shortForm.group(5), shortForm.group(6), today);
        }
        throw new InvalidPersonnummerException(
                "is not in a known form (YYYYMMDD-NNNN, YYYYMMDDNNNN, YYMMDD-NNNN, YYMMDD+NNNN or YYMMDDNNNN)");
    }

    /** Whether the written value is a valid personnummer or samordningsnummer. */
    public static boolean isValid(String written, LocalDate today) {
        try {
            parse(written, today);
            return true;
        } catch (InvalidPersonnummerException e) {
            return false;
        }
    }

    private static int century(int yy, String month, String day, boolean hundredOrOlder, LocalDate today) {
        int year = today.getYear() - Math.floorMod(today.getYear() - yy, 100);
        LocalDate birth = birthDate(year, month, day);
        if (birth != null && birth.isAfter(today)) {
            year -= 100;
        }
        return hundredOrOlder ? year - 100 : year;
    }

    private static Personnummer checked(int year, String month, String day, String serial, String check, LocalDate today) {
        int dayOfMonth = Integer.parseInt(day);
        boolean coordination = dayOfMonth > 60;
        LocalDate birth = birthDate(year, month, day);
        if (birth == null) {
            throw new InvalidPersonnummerException("has no valid date of birth");
        }
        if (birth.isAfter(today)) {
            throw new InvalidPersonnummerException("has a date of birth in the future");
        }
        if ("000".equals(serial)) {
            throw new InvalidPersonnummerException("has serial number 000, which is never issued");
        }
        String ten = String.format("%02d%s%s%s", year % 100, month, day, serial);
        if (luhnDigit(ten) != check.charAt(0) - '0') {
            throw new InvalidPersonnummerException("has a wrong check digit");
        }
        return new Personnummer(String.format("%04d%s%s%s%s", year, month, day, serial, check), coordination);
    }

    private static LocalDate birthDate(int year, String month, String day) {
        int dayOfMonth = Integer.parseInt(day);
        if (dayOfMonth > 60) {
            dayOfMonth -= 60;
        }
        try {
            return LocalDate.of(year, Integer.parseInt(month), dayOfMonth);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The Luhn check digit over the given digits. */
    static int luhnDigit(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = (digits.charAt(i) - '0') * (i % 2 == 0 ? 2 : 1);
            sum += d > 9 ? d - 9 : d;
        }
        return (10 - sum % 10) % 10;
    }

    /** The 12-digit wire form {@code YYYYMMDDNNNN}. */
    public String digits() {
        return digits;
    }

    public boolean isSamordningsnummer() {
        return samordningsnummer;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Personnummer p && p.digits.equals(digits);
    }

    @Override
    public int hashCode() {
        return digits.hashCode();
    }

    /** A masked form, safe for logs. */
    @Override
    public String toString() {
        return "XXXXXXXX-XXXX";
    }
}
