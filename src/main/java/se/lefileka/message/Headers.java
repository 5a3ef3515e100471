package se.lefileka.message;

/**
 * The headers that pass between the routes ({@code routes/*.camel.yaml}) and the beans, each set
 * by the bundle itself: an intake removes every {@code Lefi*}, {@code Leka*} and {@code Camel*}
 * header a producer sent before any step reads one.
 */
public final class Headers {

    /** The request's kind: {@code online}, {@code subscriptions}, {@code mass}, {@code audit} (the intake templates). */
    public static final String KIND = "LefiKind";
    /** How the request came: {@code file} or {@code jms}; its answer goes back the same way. */
    public static final String CHANNEL = "LefiChannel";
    /** The query's or command's {@code requestId}: its answer's file name in the outbox. */
    public static final String REQUEST_ID = "LefiRequestId";
    /** The person as the audit log names them: a pseudonym, never the personnummer. */
    public static final String PERSON_REF = "LefiPersonRef";
    /** The query's purpose, for the audit log. */
    public static final String PURPOSE = "LefiPurpose";
    /** Where a JMS request is answered ({@code queue:<name>} or {@code topic:<name>}). */
    public static final String REPLY_TO = "LefiReplyTo";
    /** Where a JMS request is answered when its reply destination refuses the answer ({@code queue:<name>}). */
    public static final String DEFAULT_REPLY_TO = "LefiDefaultReplyTo";
    /** The correlation id of a JMS answer: the request's, else its message id. */
    public static final String CORRELATION_ID = "LefiCorrelationId";
    /** The queue a JMS request came from. */
    public static final String SOURCE_QUEUE = "LefiSourceQueue";
    /**
     * A lane message's call: one of its lane's, as the lane's own routes list them
     * ({@code online-lane-call}, {@code mass-lane-call}); the call also says where the answer goes.
     */
    public static final String CALL = "FkCall";
    /** The class of work an intake feeds (its template's parameter, never the message's): which of the budget's lanes a call goes to. */
    public static final String WORK_CLASS = "BundleWorkClass";
    /** Set by a route: the lane message is to be delivered this many milliseconds from now. */
    public static final String DELAY_MILLIS = "LefiDelayMillis";
    /** How many times the lane has tried the call. */
    public static final String ATTEMPTS = "LefiAttempts";
    /** When the call first failed (epoch millis): the retry time counts from there. */
    public static final String FIRST_FAILURE = "LefiFirstFailure";
    /** How many answers to the call (a read) could not be read so far. */
    public static final String UNREADABLE_ANSWERS = "LefiUnreadableAnswers";
    /** Why the lane gave the call up: the answer says {@code FAILED} with this reason. */
    public static final String FAILURE = "LefiFailure";
    /** When FK took a mass chunk (epoch millis, the bundle's clock): its case's age counts from there. */
    public static final String CASE_OPENED = "LefiCaseOpened";
    /** The mass chunk's case at FK ({@code arendeId}). */
    public static final String CASE = "LefiCase";
    /** How many polls found the mass chunk's case still worked on ({@code PAGAR}). */
    public static final String POLLS_PENDING = "LefiPollsPending";
    /** Set on a poll whose time FK gave ({@code Retry-After}): it is made when delivered. */
    public static final String POLL_TIME_FROM_FK = "LefiPollTimeFromFk";
    /** A mass batch's id. */
    public static final String BATCH_ID = "LefiBatchId";
    /** A mass chunk's number in its batch (on its lane messages: the reconciler finds the chunk's message by it). */
    public static final String CHUNK_NO = "LefiChunkNo";
    /** Set by the mass tally: every row of the batch is answered. */
    public static final String BATCH_COMPLETE = "LefiBatchComplete";
    /** Why a message is on the dead-letter queue. */
    public static final String DEAD_LETTER_REASON = "LefiDeadLetterReason";
    /** The route that put a message on the dead-letter queue. */
    public static final String DEAD_LETTER_SOURCE = "LefiDeadLetterSource";
    /** A LEKA notification's id (delivered with the notification). */
    public static final String NOTIFICATION_ID = "LekaNotificationId";
    /** A delivered notification's benefit. */
    public static final String BENEFIT = "LekaBenefit";
    /** A delivered notification's event. */
    public static final String EVENT = "LekaEvent";
    /** How many delivery rounds a notification has had. */
    public static final String NOTIFICATION_ATTEMPTS = "LekaAttempts";

    private Headers() {
    }
}
