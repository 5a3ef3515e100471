package se.lefileka.personnummer;

/** Says why a written personnummer is not valid. Its message never holds the number itself. */
public class InvalidPersonnummerException extends IllegalArgumentException {

    public InvalidPersonnummerException(String reason) {
        super(reason);
    }
}
