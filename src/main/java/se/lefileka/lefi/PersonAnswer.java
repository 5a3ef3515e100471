package se.lefileka.lefi;

import java.util.List;
import se.lefileka.query.BenefitInfo;
import se.lefileka.query.ResultStatus;

/** FK's answer about one person ({@code personsvar}) in the bundle's words. */
public record PersonAnswer(String personnummer, ResultStatus status, List<BenefitInfo> benefits, String message) {
}
