package se.lefileka.support;

/** Route files an operator might save, as tests save them into a routes folder. */
public final class RouteEdits {

    private RouteEdits() {
    }

    /** A JMS intake of online queries from the queue, through the validating intake (the README's recipe). */
    public static String jmsIntake(String routeId, String queue) {
        return """
                - templatedRoute:
                    routeTemplateRef: jms-intake
                    routeId: %s
                    parameters:
                      - name: queue
                        value: %s
                      - name: responses
                        value: "{{lefi.online.responses-queue}}"
                      - name: kind
                        value: online
                      - name: next
                        value: online-message
                """.formatted(routeId, queue);
    }

    /** A route that calls FK's online query itself every 10 ms, its call on line 6. */
    public static String callingFkItself(String routeId) {
        return """
                - route:
                    id: %s
                    from:
                      uri: timer:%s?period=10
                      steps:
                        - to: "{{lefi.url}}/v2/onlinefragor?httpMethod=POST"
                """.formatted(routeId, routeId);
    }
}
