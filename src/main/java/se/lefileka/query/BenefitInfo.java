package se.lefileka.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** What FK or Pensionsmyndigheten holds about one benefit of one person. */
public record BenefitInfo(String type, List<Period> periods, List<Payment> payments) {

    /** A period of entitlement; {@code amountType} is {@code DAY}, {@code MONTH} or {@code YEAR}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Period(LocalDate from, LocalDate to, BigDecimal amount, String amountType, Integer extent) {
    }

    /** A payment; {@code authority} is {@code FK} or {@code PM}. */
    public record Payment(LocalDate date, BigDecimal amount, String authority) {
    }
}
