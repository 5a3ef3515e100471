package se.lefileka.support;

/** Requests as users write them. */
public final class Queries {

    /** An online query for SJUKPENNING in the first half of 2026. */
    public static String online(String requestId, String personnummer) {
        return """
                {"requestId": "%s", "personnummer": "%s", "benefits": ["SJUKPENNING"],
                 "from": "2026-01-01", "to": "2026-06-30"}""".formatted(requestId, personnummer);
    }

    private Queries() {
    }
}
