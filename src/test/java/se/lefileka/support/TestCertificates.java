package se.lefileka.support;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Certificates made at test time with the JDK's keytool: a CA standing for FK's, the sandbox's
 * server certificate and the organisation's client certificate signed by it, a trust store
 * holding the CA, and a client certificate nobody signed. All PKCS12, one password.
 */
public final class TestCertificates {

    public static final String PASSWORD = "test-only-secret";

    private final Path dir;

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    public static TestCertificates make(Path dir) throws Exception {
        TestCertificates certificates = new TestCertificates(dir);
        certificates.keytool("-genkeypair", "-alias", "ca", "-dname", "CN=Test FK CA", "-ext", "bc:c",
                "-keystore", "ca.p12");
        certificates.keytool("-exportcert", "-alias", "ca", "-keystore", "ca.p12", "-rfc", "-file", "ca.pem");
        certificates.signed("server", "CN=localhost", "SAN=ip:127.0.0.1,dns:localhost");
        certificates.signed("client", "CN=Test Kommun", "EKU=clientAuth");
        // a second organisation's certificate, signed by the same CA
        certificates.signed("client-b", "CN=Test Kommun B", "EKU=clientAuth");
        certificates.keytool("-importcert", "-alias", "ca", "-file", "ca.pem", "-keystore", "trust.p12", "-noprompt");
        certificates.keytool("-genkeypair", "-alias", "rogue", "-dname", "CN=Nobody", "-keystore", "rogue.p12");
        return certificates;
    }

    private void signed(String name, String subject, String extension) throws Exception {
        String store = name + ".p12";
        keytool("-genkeypair", "-alias", name, "-dname", subject, "-keystore", store);
        keytool("-certreq", "-alias", name, "-keystore", store, "-file", name + ".csr");
        keytool("-gencert", "-alias", "ca", "-keystore", "ca.p12", "-infile", name + ".csr", "-outfile",
                name + ".pem", "-rfc", "-ext", extension);
        keytool("-importcert", "-alias", "ca", "-file", "ca.pem", "-keystore", store, "-noprompt");
        keytool("-importcert", "-alias", name, "-file", name + ".pem", "-keystore", store);
    }

    public Path store(String name) {
        return dir.resolve(name + ".p12");
    }

    /** The sandbox's TLS: its server certificate, trusting client certificates the CA signed. */
    public SSLContext serverContext() throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load(store("server")), PASSWORD.toCharArray());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load(store("trust")));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    private static KeyStore load(Path path) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(path.toFile())) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    private void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        if (List.of(args).contains("-genkeypair")) {
            command.addAll(List.of("-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2"));
        }
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }
}
