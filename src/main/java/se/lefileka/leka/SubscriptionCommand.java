package se.lefileka.leka;

import java.util.List;

/** A checked subscription command: the personnummer in its 12 digits, the benefits (empty unless registering). */
public record SubscriptionCommand(String requestId, SubscriptionAction action, String personnummer,
                                  List<String> benefits) {
}
