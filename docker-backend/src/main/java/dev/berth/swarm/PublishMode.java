package dev.berth.swarm;

/** How the Swarm backend publishes a container's port mappings. */
public enum PublishMode {
    /**
     * On the node that runs the task, as ECS's bridge mode publishes on the container instance: a static host port
     * is that port on the node (so at most one such task per node, which Swarm's scheduler and Berth's both
     * enforce), host port 0 is a port the engine picks. Each task reports its node's address and port. The default.
     */
    HOST,
    /**
     * Through Swarm's routing mesh: the port is open on every node of the swarm and reaches any of the service's
     * tasks; host port 0 lets Swarm pick one from 30000-32767 for the service. Needs IPVS in the nodes' kernels
     * ({@code CONFIG_IP_VS}); without it the engines accept the service but nothing answers on the port.
     */
    INGRESS
}
