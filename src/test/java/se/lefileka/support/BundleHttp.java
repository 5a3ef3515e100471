package se.lefileka.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Real HTTP requests to the bundle's health and metrics server. */
public final class BundleHttp {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private BundleHttp() {
    }

    public static HttpResponse<String> get(RunningBundle bundle, String path) throws Exception {
        return get(bundle.httpPort(), path);
    }

    /** A GET of the health and metrics server on the port (a bundle in a process of its own). */
    public static HttpResponse<String> get(int port, String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** One named check of the bundle's health ({@code /observe/health}). */
    public static JsonNode healthCheck(RunningBundle bundle, String name) throws Exception {
        return healthCheck(bundle.httpPort(), name);
    }

    /** The message of one named check of the bundle serving on the port; empty while it does not serve. */
    public static String healthMessage(int port, String name) {
        try {
            return healthCheck(port, name).path("message").asText();
        } catch (Exception notYetServing) {
            return "";
        }
    }

    /** One named check of the health of the bundle serving on the port. */
    public static JsonNode healthCheck(int port, String name) throws Exception {
        JsonNode health = JSON.readTree(get(port, "/observe/health").body());
        for (JsonNode check : health.path("checks")) {
            if (name.equals(check.path("name").asText())) {
                return check;
            }
        }
        throw new AssertionError("no check " + name + " in " + health);
    }
}
