package se.lefileka.fk;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.stream.Stream;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.apache.camel.CamelContext;
import org.apache.camel.support.jsse.SSLContextParameters;

/**
 * The https component's TLS: FK's (the organisation's client certificate, FK's CA as trust) on a
 * connection to FK's address, the JVM's default trust and no client certificate on any other, so
 * a notification webhook never sees the organisation's certificate and needs no certificate from
 * FK's CA. FK is known by where the connection goes ({@link FkAddresses}).
 */
final class FkOnlyTls extends SSLContextParameters {

    private final SSLContextParameters fk;
    private final FkAddresses addresses;
    private final KeyStore othersTrust;

    /** @param othersTrust what every other server is trusted by; null: the JVM's trust */
    FkOnlyTls(SSLContextParameters fk, FkAddresses addresses, KeyStore othersTrust) {
        this.fk = fk;
        this.addresses = addresses;
        this.othersTrust = othersTrust;
    }

    @Override
    public SSLContext createSSLContext(CamelContext context) throws GeneralSecurityException, java.io.IOException {
        X509ExtendedKeyManager key = fk.getKeyManagers() == null ? null : Stream.of(fk.getKeyManagers()
                .createKeyManagers()).filter(X509ExtendedKeyManager.class::isInstance)
                .map(X509ExtendedKeyManager.class::cast).findFirst().orElse(null);
        X509ExtendedTrustManager others = trustOf(othersTrust);
        X509ExtendedTrustManager fkTrust = fk.getTrustManagers() == null ? others
                : trust(fk.getTrustManagers().createTrustManagers());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(key == null ? null : new KeyManager[] {new ToFkOnly(key)},
                new TrustManager[] {new FkTrustForFk(fkTrust, others)}, null);
        return tls;
    }

    private boolean isFk(Socket socket) {
        return socket != null && socket.getInetAddress() != null && addresses.reaches(
                new FkAddresses.Endpoint(socket.getInetAddress().getHostAddress(), socket.getPort()));
    }

    private boolean isFk(SSLEngine engine) {
        return engine != null && engine.getPeerHost() != null
                && addresses.reaches(new FkAddresses.Endpoint(engine.getPeerHost(), engine.getPeerPort()));
    }

    private static X509ExtendedTrustManager trustOf(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return trust(factory.getTrustManagers());
    }

    private static X509ExtendedTrustManager trust(TrustManager[] managers) {
        return Arrays.stream(managers).filter(X509ExtendedTrustManager.class::isInstance)
                .map(X509ExtendedTrustManager.class::cast).findFirst()
                .orElseThrow(() -> new IllegalStateException("no X.509 trust manager"));
    }

    /** The organisation's certificate, shown to FK alone. */
    private final class ToFkOnly extends X509ExtendedKeyManager {
        private final X509ExtendedKeyManager key;

        ToFkOnly(X509ExtendedKeyManager key) {
            this.key = key;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return isFk(socket) ? key.chooseClientAlias(keyType, issuers, socket) : null;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return isFk(engine) ? key.chooseEngineClientAlias(keyType, issuers, engine) : null;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return key.getClientAliases(keyType, issuers);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return key.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return key.getPrivateKey(alias);
        }
    }

    /** FK's CA for FK, the JVM's trust for everyone else. */
    private final class FkTrustForFk extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager fk;
        private final X509ExtendedTrustManager others;

        FkTrustForFk(X509ExtendedTrustManager fk, X509ExtendedTrustManager others) {
            this.fk = fk;
            this.others = others;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            (isFk(socket) ? fk : others).checkServerTrusted(chain, authType, socket);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            (isFk(engine) ? fk : others).checkServerTrusted(chain, authType, engine);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            // no connection to tell by: the JVM's trust
            others.checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("the bundle is no TLS server here");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("the bundle is no TLS server here");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("the bundle is no TLS server here");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return Stream.concat(Arrays.stream(fk.getAcceptedIssuers()), Arrays.stream(others.getAcceptedIssuers()))
                    .toArray(X509Certificate[]::new);
        }
    }
}
