package se.lefileka.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** One call as the sandbox sees it. {@code version} is {@code v1} or {@code v2}; {@code path} excludes it. */
record SandboxRequest(String method, String version, String path, Map<String, String> query, JsonNode body) {

    boolean is(String method, String path) {
        return this.method.equals(method) && this.path.equals(path);
    }

    boolean isUnder(String method, String prefix) {
        return this.method.equals(method) && path.startsWith(prefix) && path.length() > prefix.length();
    }

    String lastSegment() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    boolean v1() {
        return "v1".equals(version);
    }
}
