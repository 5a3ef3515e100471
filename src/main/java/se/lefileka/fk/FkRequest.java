package se.lefileka.fk;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One HTTP call to FK as a mapper words it: method, path below the service's base URL (with its
 * query string, if any), and body.
 */
public record FkRequest(String method, String path, JsonNode body) {
}
