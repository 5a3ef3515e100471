package se.lefileka.query;

/** The legal ground of a disclosure (CONTRACT.md, "Purpose codes"). */
public enum Purpose {
    HANDLAGGNING, SAMORDNING, SKADEREGLERING, RISKBEDOMNING, PENSIONSPROGNOS;

    public static boolean isKnown(String code) {
        for (Purpose purpose : values()) {
            if (purpose.name().equals(code)) {
                return true;
            }
        }
        return false;
    }
}
