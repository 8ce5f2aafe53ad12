package dev.berth.docker.internal;

import com.github.dockerjava.api.model.Network;
import dev.berth.exception.BerthException;
import dev.berth.exception.ConflictException;
import dev.berth.exception.ResourceNotFoundException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bridge network per Service Connect namespace on the engine, {@code berth-ns-<namespace>}: its gateway is an
 * address of the engine's host that every container of the engine reaches, whatever network it is on (the default
 * bridge of a single-container task, a task's own network), so a namespace's endpoints listen there and its tasks
 * resolve the names to it. No container joins the network: it exists for its address, one per namespace, so that two
 * namespaces may each use a port. Networks this process created are removed when it closes.
 */
public final class NamespaceNetworks implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NamespaceNetworks.class);
    /** The label that names a namespace network's namespace. */
    public static final String NAMESPACE = "dev.berth.namespace";

    private final DockerClients clients;
    private final Map<String, String> labels;
    private final Map<String, InetAddress> gateways = new ConcurrentHashMap<>();
    private final Set<String> created = ConcurrentHashMap.newKeySet();

    /**
     * @param clients the engine's clients
     * @param labels the backend's labels, put on every network it creates (and part of its name, so that two
     *     backends with different labels keep apart)
     */
    public NamespaceNetworks(DockerClients clients, Map<String, String> labels) {
        this.clients = clients;
        this.labels = Map.copyOf(labels);
    }

    /**
     * @param namespace a namespace's name
     * @return the address of the namespace's network on the engine's host, the network created if it is missing
     * @throws BerthException if it cannot be created, or has no IPv4 gateway
     */
    public InetAddress addressOf(String namespace) {
        return gateways.computeIfAbsent(namespace, this::ensure);
    }

    /**
     * @param namespace a namespace's name
     * @return the engine-wide name of its network
     */
    public String networkName(String namespace) {
        String safe = namespace.replaceAll("[^A-Za-z0-9_.-]", "_");
        return "berth-ns-" + safe + (labels.isEmpty() ? "" : "-" + Integer.toHexString(labels.hashCode()));
    }

    private InetAddress ensure(String namespace) {
        String name = networkName(namespace);
        Network network = find(name);
        if (network == null) {
            Map<String, String> networkLabels = new LinkedHashMap<>(labels);
            networkLabels.put(NAMESPACE, namespace);
            try {
                clients.run("create network " + name, () -> clients.calls().createNetworkCmd().withName(name)
                        .withDriver("bridge").withCheckDuplicate(true).withLabels(networkLabels).exec());
                created.add(name);
                LOG.debug("created network={} for namespace={}", name, namespace);
            } catch (ConflictException raced) {
                LOG.debug("network={} was created meanwhile by another process", name);
            }
            network = find(name);
            if (network == null) {
                throw new BerthException("The network " + name + " of namespace " + namespace
                        + " disappeared right after its creation");
            }
        }
        String gateway = network.getIpam() == null || network.getIpam().getConfig() == null ? null
                : network.getIpam().getConfig().stream().map(Network.Ipam.Config::getGateway)
                        .filter(g -> g != null && g.indexOf(':') < 0).findFirst().orElse(null);
        if (gateway == null) {
            throw new BerthException("The network " + name + " of namespace " + namespace + " has no IPv4 gateway;"
                    + " remove it and let Berth create it again");
        }
        try {
            return InetAddress.getByName(gateway);
        } catch (UnknownHostException e) {
            throw new BerthException("The gateway of network " + name + " is no address: " + gateway, e);
        }
    }

    private Network find(String name) {
        List<Network> networks = clients.call("list networks named " + name, () -> clients.calls().listNetworksCmd()
                .withNameFilter(name).exec());
        return networks.stream().filter(n -> name.equals(n.getName())).findFirst().orElse(null);
    }

    /** Removes the networks this process created; ones already gone are fine. */
    @Override
    public void close() {
        Map<String, String> failed = new HashMap<>();
        for (String name : created) {
            try {
                clients.run("remove network " + name, () -> clients.calls().removeNetworkCmd(name).exec());
            } catch (ResourceNotFoundException gone) {
                // removed meanwhile: the goal is reached
            } catch (BerthException e) {
                failed.put(name, e.getMessage());
            }
        }
        created.clear();
        gateways.clear();
        if (!failed.isEmpty()) {
            LOG.warn("namespace networks not removed (their label {} marks them): {}", NAMESPACE, failed);
        }
    }
}
