package se.lefileka.lefi;

import se.lefileka.query.ResultStatus;

/** LEFI's codes for status and amount type, which both versions share. */
final class LefiCodes {

    static ResultStatus status(String fk) {
        return switch (fk) {
            case "OK" -> ResultStatus.OK;
            case "PERSON_SAKNAS" -> ResultStatus.NOT_FOUND;
            case "SKYDDAD_IDENTITET" -> ResultStatus.PROTECTED;
            default -> ResultStatus.FAILED;
        };
    }

    static String amountType(String beloppstyp) {
        return switch (beloppstyp) {
            case "DAG" -> "DAY";
            case "MANAD" -> "MONTH";
            case "AR" -> "YEAR";
            default -> beloppstyp;
        };
    }

    private LefiCodes() {
    }
}
