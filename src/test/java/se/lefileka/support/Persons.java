package se.lefileka.support;

/** Valid personnummer for tests, built from the rules (date, serial, Luhn check digit). */
public final class Persons {

    /** A valid 12-digit personnummer born on the date with the given 3-digit serial. */
    public static String personnummer(String yyyymmdd, int serial) {
        String nine = yyyymmdd.substring(2) + String.format("%03d", serial);
        return yyyymmdd + String.format("%03d", serial) + luhn(nine);
    }

    /** The {@code n}th of a series of distinct persons the sandbox knows (serials below 980). */
    public static String known(int n) {
        return personnummer(String.format("19%02d0%d%02d", 50 + n % 40, 1 + n % 9, 1 + n % 28), 100 + n % 800);
    }

    public static int luhn(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = (digits.charAt(i) - '0') * (i % 2 == 0 ? 2 : 1);
            sum += d > 9 ? d - 9 : d;
        }
        return (10 - sum % 10) % 10;
    }

    private Persons() {
    }
}
