package dev.berth.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EndpointTest {

    @Test
    void uri_bracketsIpv6() {
        assertThat(new Endpoint("127.0.0.1", 8080).uri("http")).hasToString("http://127.0.0.1:8080/");
        assertThat(new Endpoint("::1", 8080).uri("http")).hasToString("http://[::1]:8080/");
        assertThat(new Endpoint("localhost", 1)).hasToString("localhost:1");
    }

    @Test
    void refusesBlankHostsAndPortsOutOfRange() {
        assertThatThrownBy(() -> new Endpoint(" ", 80)).hasMessage("host must not be blank");
        assertThatThrownBy(() -> new Endpoint("localhost", 0)).hasMessage("port must be within 1..65535, was 0");
        assertThatThrownBy(() -> new Endpoint("localhost", 65536))
                .hasMessage("port must be within 1..65535, was 65536");
    }
}
