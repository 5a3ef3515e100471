package se.lefileka.leka;

import java.util.List;

/** One fetch's notifications, and whether FK says more are waiting. */
public record NotificationPage(List<Notification> notifications, boolean more) {

    public static NotificationPage empty() {
        return new NotificationPage(List.of(), false);
    }
}
