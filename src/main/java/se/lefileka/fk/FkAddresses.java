package se.lefileka.fk;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;

/**
 * Where FK is, by where a connection actually goes rather than how a URL spells it: a call to
 * {@code localhost:8443} reaches FK at {@code 127.0.0.1:8443}, and so does one to this machine's
 * own address when FK listens on every interface. Two endpoints are the same when their ports are
 * equal and their hosts resolve to a shared address, or both to addresses of this machine.
 */
public final class FkAddresses {

    /** A host and port as a connection is made to it (the scheme's port when the URL names none). */
    public record Endpoint(String host, int port) {

        /** The endpoint of a host and port as a URL gives them: the scheme's port when it names none (-1). */
        public static Endpoint of(String host, int port, String scheme) {
            return new Endpoint(host, port != -1 ? port : "https".equalsIgnoreCase(scheme) ? 443 : 80);
        }
    }

    private final Supplier<List<String>> fkUrls;

    /**
     * @param fkUrls FK's base URLs ({@code lefi.url}, {@code leka.url}), asked at each question (the
     *               sandbox's port is known only once it runs)
     */
    public FkAddresses(Supplier<List<String>> fkUrls) {
        this.fkUrls = fkUrls;
    }

    /** FK as the bundle's settings place it ({@code lefi.url}, {@code leka.url}), read at each question. */
    public static FkAddresses of(CamelContext context) {
        return new FkAddresses(() -> Stream.of("lefi.url", "leka.url")
                .map(url -> context.resolvePropertyPlaceholders("{{" + url + "}}")).toList());
    }

    /** The host and port a URL connects to; empty when it names no host (or is no URL). */
    public static Optional<Endpoint> endpoint(String url) {
        try {
            URI uri = URI.create(url.trim().replaceFirst("[?#].*", ""));
            if (uri.getHost() == null) {
                return Optional.empty();
            }
            return Optional.of(Endpoint.of(uri.getHost(), uri.getPort(), uri.getScheme()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether a URL's connection would reach FK. */
    public boolean reaches(String url) {
        return endpoint(url).map(this::reaches).orElse(false);
    }

    /** Whether a connection to the host and port reaches FK. */
    public boolean reaches(Endpoint target) {
        for (String url : fkUrls.get()) {
            Optional<Endpoint> fk = endpoint(url);
            if (fk.isPresent() && fk.get().port() == target.port() && sameHost(fk.get().host(), target.host())) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameHost(String one, String other) {
        if (one.equalsIgnoreCase(other)) {
            return true;
        }
        List<InetAddress> ones = resolve(one);
        List<InetAddress> others = resolve(other);
        for (InetAddress address : ones) {
            if (others.contains(address)) {
                return true;
            }
        }
        return !ones.isEmpty() && !others.isEmpty() && ones.stream().allMatch(FkAddresses::isThisMachine)
                && others.stream().anyMatch(FkAddresses::isThisMachine);
    }

    private static List<InetAddress> resolve(String host) {
        try {
            return Arrays.asList(InetAddress.getAllByName(host.replaceAll("^\\[|]$", "")));
        } catch (UnknownHostException e) {
            return List.of();
        }
    }

    private static boolean isThisMachine(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress()) {
            return true;
        }
        try {
            return NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return false;
        }
    }
}
