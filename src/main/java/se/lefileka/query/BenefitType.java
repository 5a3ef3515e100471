package se.lefileka.query;

/** The benefit codes a query may ask for (CONTRACT.md, "Benefit codes"). */
public enum BenefitType {
    AKTIVITETSERSATTNING, AKTIVITETSSTOD, ALDERSPENSION, ARBETSSKADELIVRANTA, BARNBIDRAG, BOSTADSBIDRAG,
    BOSTADSTILLAGG, EFTERLEVANDEPENSION, FORALDRAPENNING, GRAVIDITETSPENNING, MERKOSTNADSERSATTNING,
    NARSTAENDEPENNING, OMVARDNADSBIDRAG, REHABILITERINGSERSATTNING, SJUKERSATTNING, SJUKPENNING,
    SMITTBARARERSATTNING, TILLFALLIG_FORALDRAPENNING, UNDERHALLSSTOD;

    public static boolean isKnown(String code) {
        for (BenefitType type : values()) {
            if (type.name().equals(code)) {
                return true;
            }
        }
        return false;
    }
}
