package dev.berth.docker.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.berth.docker.DockerBackendConfig;
import dev.berth.docker.TlsSettings;
import dev.berth.docker.internal.DockerClients;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS to a remote engine is verified: against an HTTPS endpoint answering Docker's {@code /_ping}, a client whose
 * {@code ca.pem} is not the issuer of the endpoint's certificate is refused, and the same client trusting the
 * right certificate gets the answer (so the refusal is the verification, not a broken set-up).
 */
class TlsVerificationTest {

    private static final String PASSWORD = "changeit";

    @TempDir
    Path dir;
    private HttpsServer server;

    @BeforeEach
    void startAnHttpsEngineLookalike() throws Exception {
        Path keystore = dir.resolve("server.p12");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-keystore", keystore.toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(managers.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", exchange -> {
            byte[] ok = "OK".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Api-Version", "1.41");
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void engineCertificateFromAnUntrustedIssuer_isRefused_andFromTheTrustedOne_isAccepted() throws Exception {
        Path untrusting = clientDirectory("untrusting", exportedCertificate(newSelfSigned("other-ca")));
        Path trusting = clientDirectory("trusting", exportedCertificate(dir.resolve("server.p12")));

        Throwable refused = catchThrowable(() -> ping(untrusting));
        System.out.println("TlsVerificationTest: untrusted engine certificate refused: " + refused);
        assertThat(refused).as("ping with a ca.pem that did not issue the engine's certificate").isNotNull();
        assertThat(causes(refused)).anyMatch(m -> m.contains("PKIX") || m.contains("certificate")
                || m.contains("SSL"));

        assertThat(ping(trusting)).as("ping with the engine's own certificate trusted").isEqualTo("OK");
    }

    private String ping(Path certPath) {
        DockerBackendConfig config = DockerBackendConfig.builder()
                .dockerHost(URI.create("tcp://127.0.0.1:" + server.getAddress().getPort()))
                .tls(new TlsSettings(certPath)).apiVersion("1.41").build();
        try (DockerClients clients = DockerClients.open(config)) {
            clients.calls().pingCmd().exec();
            return "OK";
        }
    }

    /** @return a directory as DOCKER_CERT_PATH: {@code ca.pem} as given, and a client identity of its own */
    private Path clientDirectory(String name, String caPem) throws Exception {
        Path client = Files.createDirectories(dir.resolve(name));
        Path identity = newSelfSigned(name + "-client");
        Files.writeString(client.resolve("ca.pem"), caPem);
        Files.writeString(client.resolve("cert.pem"), exportedCertificate(identity));
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(identity)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        PrivateKey key = (PrivateKey) keys.getKey("key", PASSWORD.toCharArray());
        Files.writeString(client.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        return client;
    }

    private Path newSelfSigned(String name) throws Exception {
        Path keystore = dir.resolve(name + ".p12");
        keytool("-genkeypair", "-alias", "key", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=" + name, "-keystore", keystore.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD);
        return keystore;
    }

    private String exportedCertificate(Path keystore) throws Exception {
        String alias = keystore.getFileName().toString().equals("server.p12") ? "server" : "key";
        Path pem = dir.resolve(keystore.getFileName() + ".pem");
        keytool("-exportcert", "-rfc", "-alias", alias, "-keystore", keystore.toString(), "-storepass", PASSWORD,
                "-file", pem.toString());
        return Files.readString(pem);
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin",
                "keytool").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(1, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }

    private static List<String> causes(Throwable t) {
        List<String> messages = new ArrayList<>();
        for (Throwable c = t; c != null; c = c.getCause()) {
            messages.add(c.getClass().getName() + ": " + c.getMessage());
        }
        return messages;
    }
}
