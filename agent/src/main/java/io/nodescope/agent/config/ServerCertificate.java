package io.nodescope.agent.config;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;

/**
 * The certificate chain and private key {@code /metrics} is served with over TLS, read from the
 * PEM files operators already have (a certbot or an internal CA's output).
 */
public final class ServerCertificate {

    private static final String PKCS8_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String PKCS8_END = "-----END PRIVATE KEY-----";
    private static final String[] KEY_ALGORITHMS = {"RSA", "EC", "EdDSA"};

    private final Certificate[] chain;
    private final PrivateKey key;

    ServerCertificate(Certificate[] chain, PrivateKey key) {
        this.chain = chain;
        this.key = key;
    }

    public Certificate[] chain() {
        return chain.clone();
    }

    public PrivateKey key() {
        return key;
    }

    /** @throws IllegalArgumentException naming the file and what is wrong with it */
    static Certificate[] readChain(Path file) {
        try {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(ConfigFile.readBytes(file)));
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException(file + " holds no PEM certificate");
            }
            return certificates.toArray(new Certificate[0]);
        } catch (ConfigFile.Unusable e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(file + " is not a PEM certificate chain: " + e.getMessage());
        }
    }

    /** @throws IllegalArgumentException naming the file and what is wrong with it */
    static PrivateKey readKey(Path file) {
        String pem;
        try {
            pem = new String(ConfigFile.readBytes(file), StandardCharsets.US_ASCII);
        } catch (ConfigFile.Unusable e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
        int begin = pem.indexOf(PKCS8_BEGIN);
        int end = pem.indexOf(PKCS8_END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException(file + " is not an unencrypted PKCS#8 PEM key (BEGIN PRIVATE KEY); convert it with "
                    + "'openssl pkcs8 -topk8 -nocrypt -in " + file + " -out metrics.key'");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem.substring(begin + PKCS8_BEGIN.length(), end));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " holds a PEM key that is not valid base64");
        }
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // not this algorithm; try the next
            }
        }
        throw new IllegalArgumentException(file + " holds a private key that is neither RSA, EC nor EdDSA");
    }
}
