/**
 * Internal: Berth's side of service networking on the backends without ELB or Cloud Map: which task is registered
 * with which target group and Service Connect endpoint and when (ACTIVATING), when it counts as healthy there, and
 * the deregistration and drain before its stop (DEACTIVATING). The data plane is the backend's
 * {@link dev.berth.spi.LoadBalancing}. Not part of Berth's API; may change in any release.
 *
 * <p>Nullness: no parameter, component or return value in this package is {@code null}.
 */
package dev.berth.runtime.network;
