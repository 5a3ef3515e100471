package se.lefileka.routing;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The folder the routes are loaded from ({@code camel.main.routes-include-pattern}, its
 * {@code file:} entry): the route files in it, by name, as they are now. Only names the pattern
 * matches count, so an editor's backup and swap files ({@code x.camel.yaml~},
 * {@code .x.camel.yaml.swp}, {@code #x.camel.yaml#}) are never route files.
 */
public record RouteFolder(Path dir, String glob) {

    /** A route file's state: its size and last change, to tell whether it is still being written. */
    public record Seen(long size, long modified) {
    }

    /** The folder and pattern of the routes' {@code file:} entry, as {@code file:routes/*.camel.yaml}. */
    public static RouteFolder of(String includePattern) {
        for (String entry : includePattern.split(",")) {
            String pattern = entry.trim();
            if (pattern.startsWith("file:")) {
                Path path = Path.of(pattern.substring("file:".length()));
                return new RouteFolder(path.getParent() == null ? Path.of(".") : path.getParent(),
                        path.getFileName().toString());
            }
        }
        throw new IllegalArgumentException("bundle.routes.reload watches a folder: camel.main.routes-include-pattern "
                + "has no file: entry (" + includePattern + ")");
    }

    /** The route files' sizes and last changes, by name. */
    public Map<String, Seen> seen() throws IOException {
        Map<String, Seen> seen = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, glob)) {
            for (Path file : files) {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                if (attributes.isRegularFile()) {
                    seen.put(file.getFileName().toString(), new Seen(attributes.size(),
                            attributes.lastModifiedTime().toMillis()));
                }
            }
        }
        return seen;
    }

    /** The route files' texts, by name. */
    public Map<String, byte[]> read() throws IOException {
        Map<String, byte[]> texts = new TreeMap<>();
        for (String name : seen().keySet()) {
            texts.put(name, Files.readAllBytes(dir.resolve(name)));
        }
        return texts;
    }

    /** Where Camel says a route file is: {@code file:<dir>/<name>}. */
    public String location(String name) {
        return "file:" + dir.resolve(name);
    }

    /** A text's SHA-256, in hex. */
    public static String hash(byte[] text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
