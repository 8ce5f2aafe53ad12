package dev.berth.model;

import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * A set of static host ports per protocol: the ports an instance has reserved, or the ports a task needs.
 * Dynamic ports (host port 0 in bridge mode) are never part of it.
 *
 * @param tcp tcp ports, each 1 to 65535
 * @param udp udp ports, each 1 to 65535
 */
public record HostPorts(Set<Integer> tcp, Set<Integer> udp) {

    /** The ports ECS reserves on every instance by default: 22, 2375, 2376, 51678 and 51679 (tcp). */
    public static final HostPorts ECS_DEFAULT_RESERVED =
            new HostPorts(Set.of(22, 2375, 2376, 51678, 51679), Set.of());

    private static final HostPorts NONE = new HostPorts(Set.of(), Set.of());

    /**
     * @throws IllegalArgumentException if a port is outside 1 to 65535
     */
    public HostPorts {
        tcp = Set.copyOf(tcp);
        udp = Set.copyOf(udp);
        for (int port : tcp) {
            checkPort(port);
        }
        for (int port : udp) {
            checkPort(port);
        }
    }

    /** @return the empty set */
    public static HostPorts none() {
        return NONE;
    }

    /**
     * @param protocol tcp or udp
     * @param ports the port numbers
     * @return the given ports of one protocol
     */
    public static HostPorts of(Protocol protocol, Integer... ports) {
        return protocol == Protocol.TCP ? new HostPorts(Set.of(ports), Set.of()) : new HostPorts(Set.of(), Set.of(ports));
    }

    /**
     * @param protocol tcp or udp
     * @return the ports of one protocol
     */
    public Set<Integer> ports(Protocol protocol) {
        return protocol == Protocol.TCP ? tcp : udp;
    }

    /** @return whether no port is in the set */
    public boolean isEmpty() {
        return tcp.isEmpty() && udp.isEmpty();
    }

    /**
     * @param other the ports to compare with
     * @return whether the two sets share a port of the same protocol
     */
    public boolean overlaps(HostPorts other) {
        return other.tcp.stream().anyMatch(tcp::contains) || other.udp.stream().anyMatch(udp::contains);
    }

    /**
     * @param other the ports to add
     * @return the union of both sets
     */
    public HostPorts plus(HostPorts other) {
        // Most tasks hold no static port: adding nothing must not copy the instance's set once per task.
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        return new HostPorts(union(tcp, other.tcp), union(udp, other.udp));
    }

    /** @return e.g. {@code tcp[80, 443] udp[53]} */
    @Override
    public String toString() {
        return "tcp" + new TreeSet<>(tcp) + " udp" + new TreeSet<>(udp);
    }

    private static Set<Integer> union(Set<Integer> a, Set<Integer> b) {
        Set<Integer> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }

    private static void checkPort(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("a host port is 1 to 65535, was " + port);
        }
    }
}
