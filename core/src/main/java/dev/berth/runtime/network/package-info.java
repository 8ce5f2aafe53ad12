/**
 * Berth's side of service networking on the backends without ELB or Cloud Map: which task is registered with
 * which target group and Service Connect endpoint and when (ACTIVATING), when it counts as healthy there, and the
 * deregistration and drain before its stop (DEACTIVATING). The data plane is the backend's
 * {@link dev.berth.spi.LoadBalancing}. Components are never null.
 */
package dev.berth.runtime.network;
