package se.lefileka.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * The sandbox's register of persons: the same person always gets the same answer.
 * <ul>
 * <li>serial numbers {@code 990}-{@code 999} (digits 9-11 of the 12-digit form): no such person;</li>
 * <li>serial numbers {@code 980}-{@code 989}: protected identity;</li>
 * <li>everyone else has, for about two of three benefits asked for, one period and one payment; a
 * pension's period runs on (no {@code tomDatum}, or {@code null}).</li>
 * </ul>
 * Answers are built in the v2 form; {@link SandboxWire} turns them into v1.
 */
final class SyntheticPersons {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Set<String> PENSIONS = Set.of("ALDERSPENSION", "EFTERLEVANDEPENSION", "BOSTADSTILLAGG");

    static boolean exists(String personnummer) {
        return !personnummer.startsWith("99", 8);
    }

    static boolean isProtected(String personnummer) {
        return personnummer.startsWith("98", 8);
    }

    /** The v2 {@code personsvar} for the person, the benefits and the period asked about. */
    static ObjectNode answer(String personnummer, List<String> benefits, LocalDate from, LocalDate to) {
        ObjectNode answer = JSON.objectNode().put("personnummer", personnummer);
        ArrayNode formaner = JSON.arrayNode();
        if (!exists(personnummer)) {
            return answer.put("status", "PERSON_SAKNAS").set("formaner", formaner);
        }
        if (isProtected(personnummer)) {
            return answer.put("status", "SKYDDAD_IDENTITET").set("formaner", formaner);
        }
        for (String benefit : benefits) {
            int seed = Math.abs((personnummer + benefit).hashCode());
            if (seed % 3 != 0) {
                formaner.add(benefit(benefit, seed, from, to));
            }
        }
        return answer.put("status", "OK").set("formaner", formaner);
    }

    private static ObjectNode benefit(String type, int seed, LocalDate from, LocalDate to) {
        boolean pension = PENSIONS.contains(type);
        LocalDate start = from.plusDays(seed % 20);
        if (start.isAfter(to)) {
            start = from;
        }
        LocalDate end = start.plusDays(30 + seed % 60);
        if (end.isAfter(to)) {
            end = to;
        }
        BigDecimal amount = BigDecimal.valueOf(pension ? 4000 + seed % 9000 : 300 + seed % 900).setScale(2);
        ObjectNode period = JSON.objectNode().put("fromDatum", start.toString());
        if (!pension) {
            period.put("tomDatum", end.toString());
        } else if (seed % 2 == 0) {
            // a pension runs on: its period has no end, written as null or left out
            period.putNull("tomDatum");
        }
        period.put("belopp", amount).put("beloppstyp", pension ? "MANAD" : "DAG")
                .put("omfattning", new int[] {25, 50, 75, 100}[seed % 4]);
        ObjectNode payment = JSON.objectNode()
                .put("utbetalningsdatum", start.plusDays(25).toString())
                .put("belopp", pension ? amount : amount.multiply(BigDecimal.valueOf(20)))
                .put("myndighet", pension ? "PM" : "FK");
        ObjectNode benefit = JSON.objectNode().put("formanstyp", type);
        benefit.set("perioder", JSON.arrayNode().add(period));
        benefit.set("utbetalningar", JSON.arrayNode().add(payment));
        return benefit;
    }

    private SyntheticPersons() {
    }
}
