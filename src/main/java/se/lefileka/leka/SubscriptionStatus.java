package se.lefileka.leka;

/** The outcome of a subscription command (PRODUCT.md, "Subscription command"). */
public enum SubscriptionStatus {
    REGISTERED, ALREADY_REGISTERED, ACTIVE, NOT_SUBSCRIBED, UNREGISTERED, REJECTED, FAILED
}
