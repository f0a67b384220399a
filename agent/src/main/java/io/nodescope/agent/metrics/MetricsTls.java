package io.nodescope.agent.metrics;

import io.nodescope.agent.config.ServerCertificate;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Base64;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** Serves {@code /metrics} over HTTPS with the configured certificate and the JDK's default protocols and ciphers. */
final class MetricsTls {

    private MetricsTls() {
    }

    static SSLContext context(ServerCertificate certificate) throws GeneralSecurityException {
        // The key store lives only in memory; its password guards nothing but is required by the API.
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        char[] password = Base64.getEncoder().encodeToString(random).toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, password);
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot create an in-memory key store", e);
        }
        store.setKeyEntry("metrics", certificate.key(), password, certificate.chain());
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }
}
