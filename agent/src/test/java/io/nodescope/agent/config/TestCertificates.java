package io.nodescope.agent.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for 127.0.0.1 made with the JDK's keytool, written as the PEM files an
 * operator would configure, and an SSL context that trusts it.
 */
public final class TestCertificates {

    private static final String PASSWORD = "changeit";

    private final Path certFile;
    private final Path keyFile;
    private final X509Certificate certificate;
    private final KeyStore keys;

    private TestCertificates(Path certFile, Path keyFile, X509Certificate certificate, KeyStore keys) {
        this.certFile = certFile;
        this.keyFile = keyFile;
        this.certificate = certificate;
        this.keys = keys;
    }

    /** {@code keyAlgorithm}: RSA or EC. */
    public static TestCertificates create(Path dir, String keyAlgorithm) throws IOException, GeneralSecurityException, InterruptedException {
        Path store = dir.resolve("metrics-" + keyAlgorithm + ".p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "metrics", "-keyalg", keyAlgorithm, "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        Key key = keys.getKey("metrics", PASSWORD.toCharArray());
        Certificate certificate = keys.getCertificate("metrics");
        Path certFile = Files.writeString(dir.resolve("metrics-" + keyAlgorithm + ".crt"), pem("CERTIFICATE", certificate.getEncoded()));
        Path keyFile = Files.writeString(dir.resolve("metrics-" + keyAlgorithm + ".key"), pem("PRIVATE KEY", key.getEncoded()));
        return new TestCertificates(certFile, keyFile, (X509Certificate) certificate, keys);
    }

    public Path certFile() {
        return certFile;
    }

    public Path keyFile() {
        return keyFile;
    }

    /** A client context that trusts this certificate only. */
    public SSLContext trustingClient() throws GeneralSecurityException, IOException {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("metrics", certificate);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    /** A server context that presents this certificate. */
    public SSLContext server() throws GeneralSecurityException {
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), null, null);
        return context;
    }

    /**
     * The JVM options with which a node trusts this certificate alone, through a trust store written
     * to {@code dir}: how an operator lets the agent reach a backend whose certificate is not public.
     */
    public List<String> trustStoreOptions(Path dir) throws GeneralSecurityException, IOException {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("backend", certificate);
        Path store = dir.resolve("truststore-" + certificate.getSerialNumber() + ".p12");
        try (OutputStream out = Files.newOutputStream(store)) {
            trusted.store(out, PASSWORD.toCharArray());
        }
        return List.of("-Djavax.net.ssl.trustStore=" + store, "-Djavax.net.ssl.trustStorePassword=" + PASSWORD,
                "-Djavax.net.ssl.trustStoreType=PKCS12");
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
