package se.lefileka.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Real HTTP requests to the bundle's health and metrics server. */
public final class BundleHttp {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private BundleHttp() {
    }

    public static HttpResponse<String> get(RunningBundle bundle, String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bundle.httpPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
