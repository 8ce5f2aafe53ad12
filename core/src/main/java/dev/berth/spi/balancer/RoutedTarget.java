package dev.berth.spi.balancer;

import dev.berth.network.Endpoint;
import java.util.Objects;

/**
 * A target that gets new connections.
 *
 * @param id the target's id (its task's id)
 * @param address where the balancer connects to it
 */
public record RoutedTarget(String id, Endpoint address) {

    /**
     * @throws NullPointerException if a component is null
     */
    public RoutedTarget {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(address, "address");
    }
}
