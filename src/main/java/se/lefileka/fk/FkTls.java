package se.lefileka.fk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.apache.camel.CamelContext;
import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import se.lefileka.secrets.Secrets;

/**
 * Mutual TLS towards FK: the organisation's certificate and key ({@code fk.tls.key-store}) and the
 * CA FK's certificate is trusted by ({@code fk.tls.trust-store}), PKCS12 files outside the
 * repository. Each password is given directly (e.g. through the environment,
 * {@code FK_TLS_KEY_STORE_PASSWORD}) or as a file holding it ({@code ...-password-file}).
 */
public final class FkTls {

    private FkTls() {
    }

    /**
     * The https component's TLS: FK's stores on connections to FK ({@link FkOnlyTls}), the JVM's
     * trust elsewhere; null when neither store is configured (the JVM's defaults apply everywhere).
     */
    public static SSLContextParameters forFkOnly(CamelContext context, UnaryOperator<String> settings,
                                                 FkAddresses fk) throws IOException {
        SSLContextParameters stores = parameters(context, settings);
        if (stores == null) {
            return null;
        }
        FkOnlyTls tls = new FkOnlyTls(stores, fk, null);
        tls.setCamelContext(context);
        return tls;
    }

    /**
     * The TLS settings, or null when neither store is configured (the JVM's defaults apply).
     *
     * @param settings a setting's value by its key; "" when unset
     */
    public static SSLContextParameters parameters(CamelContext context, UnaryOperator<String> settings)
            throws IOException {
        String keyStore = settings.apply("fk.tls.key-store");
        String trustStore = settings.apply("fk.tls.trust-store");
        if (keyStore.isEmpty() && trustStore.isEmpty()) {
            return null;
        }
        SSLContextParameters tls = new SSLContextParameters();
        tls.setCamelContext(context);
        if (!keyStore.isEmpty()) {
            String password = Secrets.password(settings, "fk.tls.key-store-password");
            KeyManagersParameters keys = new KeyManagersParameters();
            keys.setKeyStore(store(context, keyStore, password));
            keys.setKeyPassword(password);
            tls.setKeyManagers(keys);
        }
        if (!trustStore.isEmpty()) {
            TrustManagersParameters trust = new TrustManagersParameters();
            trust.setKeyStore(store(context, trustStore, Secrets.password(settings, "fk.tls.trust-store-password")));
            tls.setTrustManagers(trust);
        }
        return tls;
    }

    private static KeyStoreParameters store(CamelContext context, String path, String password) {
        if (!Files.isReadable(Path.of(path))) {
            throw new IllegalArgumentException("TLS store " + path + " cannot be read");
        }
        KeyStoreParameters store = new KeyStoreParameters();
        store.setCamelContext(context);
        store.setResource("file:" + path);
        store.setPassword(password);
        store.setType("PKCS12");
        return store;
    }
}
