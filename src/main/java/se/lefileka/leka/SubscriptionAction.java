package se.lefileka.leka;

/** What a subscription command asks LEKA to do (PRODUCT.md, "Subscription command"). */
public enum SubscriptionAction {
    REGISTER, CHECK, UNREGISTER
}
