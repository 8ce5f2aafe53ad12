package dev.berth.network;

import java.net.URI;
import java.util.Objects;

/**
 * Where the caller reaches a port: {@code host:port} as seen from the process that runs Berth.
 *
 * @param host host name or address, e.g. {@code 127.0.0.1}
 * @param port the port, 1..65535
 */
public record Endpoint(String host, int port) {

    /**
     * @throws IllegalArgumentException if the host is blank or the port outside 1..65535
     * @throws NullPointerException if the host is null
     */
    public Endpoint {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be within 1..65535, was " + port);
        }
    }

    /**
     * @param scheme e.g. {@code http}
     * @return {@code scheme://host:port/}, an IPv6 address in brackets
     */
    public URI uri(String scheme) {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return URI.create(scheme + "://" + h + ":" + port + "/");
    }

    /** @return {@code host:port} */
    @Override
    public String toString() {
        return host + ":" + port;
    }
}
