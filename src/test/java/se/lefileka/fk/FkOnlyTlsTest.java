package se.lefileka.fk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Principal;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.lefileka.support.TestCertificates;

/**
 * The organisation's certificate and FK's CA are for connections to FK alone: a webhook's server,
 * whose certificate FK's CA did not sign, is trusted as every other server is, and is shown no
 * client certificate.
 */
class FkOnlyTlsTest {

    @TempDir
    Path dir;

    @Test
    void fkGetsTheOrganisationsCertificateAndAnyOtherServerNone() throws Exception {
        TestCertificates certificates = TestCertificates.make(dir);
        KeyStore webhookKey = load(certificates.store("rogue"));
        KeyStore webhookTrust = KeyStore.getInstance("PKCS12");
        webhookTrust.load(null, null);
        webhookTrust.setCertificateEntry("webhook", webhookKey.getCertificate("rogue"));

        try (SSLServerSocket fk = server(certificates.serverContext(), true);
             SSLServerSocket webhook = server(context(webhookKey), false)) {
            var stores = FkTls.parameters(new DefaultCamelContext(), key -> switch (key) {
                case "fk.tls.key-store" -> certificates.store("client").toString();
                case "fk.tls.trust-store" -> certificates.store("trust").toString();
                case "fk.tls.key-store-password", "fk.tls.trust-store-password" -> TestCertificates.PASSWORD;
                default -> "";
            });
            SSLContext tls = new FkOnlyTls(stores, new FkAddresses(() -> List.of("https://127.0.0.1:" + fk.getLocalPort())),
                    webhookTrust).createSSLContext(new DefaultCamelContext());

            assertThat(clientSeenBy(fk, tls)).as("FK sees the organisation").isEqualTo("CN=Test Kommun");
            assertThat(clientSeenBy(webhook, tls)).as("a webhook sees no client certificate").isEqualTo("none");
        }
    }

    /** Connects with the client's TLS and returns the client certificate the server saw ("none": none). */
    private static String clientSeenBy(SSLServerSocket server, SSLContext client) throws Exception {
        CompletableFuture<String> seen = CompletableFuture.supplyAsync(() -> {
            try (SSLSocket accepted = (SSLSocket) server.accept()) {
                accepted.startHandshake();
                try {
                    Principal peer = accepted.getSession().getPeerPrincipal();
                    return peer.getName();
                } catch (SSLPeerUnverifiedException none) {
                    return "none";
                }
            } catch (Exception e) {
                return "failed: " + e;
            }
        });
        try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", server.getLocalPort())) {
            socket.startHandshake();
        }
        return seen.get(10, TimeUnit.SECONDS);
    }

    private static SSLServerSocket server(SSLContext context, boolean needClientAuth) throws Exception {
        SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0);
        if (needClientAuth) {
            server.setNeedClientAuth(true);
        } else {
            server.setWantClientAuth(true);
        }
        return server;
    }

    private static SSLContext context(KeyStore key) throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(key, TestCertificates.PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    private static KeyStore load(Path path) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(path.toFile())) {
            store.load(in, TestCertificates.PASSWORD.toCharArray());
        }
        return store;
    }
}
