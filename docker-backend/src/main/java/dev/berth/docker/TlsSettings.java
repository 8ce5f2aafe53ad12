package dev.berth.docker;

import java.nio.file.Path;
import java.util.Objects;

/**
 * TLS material for a {@code tcp://} engine endpoint, as Docker's {@code DOCKER_TLS_VERIFY=1} with
 * {@code DOCKER_CERT_PATH}: a directory holding {@code ca.pem} (the engine's certificate is checked against it),
 * {@code cert.pem} and {@code key.pem} (the client's identity).
 *
 * @param certPath directory with {@code ca.pem}, {@code cert.pem} and {@code key.pem}
 */
public record TlsSettings(Path certPath) {

    /**
     * @throws NullPointerException if {@code certPath} is null
     */
    public TlsSettings {
        Objects.requireNonNull(certPath, "certPath");
    }
}
