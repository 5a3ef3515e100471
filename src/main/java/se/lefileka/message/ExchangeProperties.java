package se.lefileka.message;

/** The exchange properties that pass between the routes and the beans within one exchange. */
public final class ExchangeProperties {

    /** The lane message's JMS id, the same on every redelivery: an answer file is written once for it. */
    public static final String LANE_MESSAGE_ID = "BundleLaneMessageId";
    /** The lane message as it came: what goes back on the lane, or to the dead-letter queue. */
    public static final String LANE_REQUEST = "BundleLaneRequest";
    /** What the lane does next with a call that failed (LaneRetry.Next): put it back, dead-letter it, or answer it FAILED. */
    public static final String LANE_NEXT = "BundleLaneNext";
    /** The class of work of a lane's call (its lane's, from the lane template's parameter): its turn in the budget. */
    public static final String WORK_CLASS = "BundleWorkClass";
    /** The route of the lane's call, chosen among its budget's calls (LaneCalls). */
    public static final String CALL_ROUTE = "BundleCallRoute";
    /** The route that reads FK's answer to the call: its fk-calls entry's {@code then} (LaneCalls). */
    public static final String ANSWER_ROUTE = "BundleAnswerRoute";
    /** The budget whose lane makes the call (its name: online, mass), for the calls' metrics. */
    public static final String BUDGET = "BundleBudget";
    /** FK answered the call (any status): whatever fails after this is no reason to call again. */
    public static final String FK_ANSWERED = "FkAnswered";
    /** The online query a call is made for. */
    public static final String ONLINE_QUERY = "LefiQuery";
    /** The subscription command a call is made for. */
    public static final String SUBSCRIPTION_COMMAND = "LekaCommand";
    /** The mass batch being read ({@code MassReading}). */
    public static final String MASS_READING = "LefiMassReading";
    /** The mass chunk a call is made for. */
    public static final String MASS_CHUNK = "LefiMassChunk";
    /** A JMS request's text, for the dead-letter queue should it be unreadable. */
    public static final String ORIGINAL_BODY = "LefiOriginalBody";
    /** The name an unreadable inbox file is set aside under. */
    public static final String SET_ASIDE_NAME = "LefiSetAsideName";
    /** When an inbox file had last been modified at its last read (epoch millis). */
    public static final String FILE_SEEN_MODIFIED = "LefiFileSeenModified";
    /** The notification being delivered. */
    public static final String NOTIFICATION = "LekaNotification";
    /** The endpoint a notification is being delivered to. */
    public static final String NOTIFICATION_ENDPOINT = "LekaEndpoint";
    /** A notification's delivery is given up (dead-lettered and acknowledged). */
    public static final String NOTIFICATION_GIVE_UP = "LekaGiveUp";
    /** LEKA has more notifications: fetch again at once. */
    public static final String MORE_NOTIFICATIONS = "LekaMore";
    /** Ids of notifications delivered before that LEKA offered again: acknowledge them again. */
    public static final String ACKNOWLEDGE_AGAIN = "LekaAcknowledgeAgain";
    /** The fetched notifications that cannot be read: to the dead-letter queue, then acknowledged. */
    public static final String UNREADABLE_NOTIFICATIONS = "LekaUnreadable";
    /** The ids an acknowledgement is made for. */
    public static final String ACKNOWLEDGED_IDS = "LekaAcknowledgedIds";

    private ExchangeProperties() {
    }
}
