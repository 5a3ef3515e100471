package se.lefileka.leka;

import java.util.List;

/**
 * One fetch's notifications, the ones of it that cannot be read, and whether FK says more are
 * waiting.
 */
public record NotificationPage(List<Notification> notifications, List<UnreadableNotification> unreadable,
                               boolean more) {

    public static NotificationPage empty() {
        return new NotificationPage(List.of(), List.of(), false);
    }
}
