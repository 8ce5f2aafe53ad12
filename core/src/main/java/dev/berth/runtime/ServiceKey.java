package dev.berth.runtime;

import java.util.Objects;

/**
 * Identifies a service: its cluster and name.
 *
 * @param cluster the cluster's name
 * @param service the service's name
 */
public record ServiceKey(String cluster, String service) {
    /**
     * Checks that every component is present.
     *
     * @throws NullPointerException if a required component is null
     */
    public ServiceKey {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(service, "service");
    }

    @Override
    public String toString() {
        return cluster + "/" + service;
    }
}
