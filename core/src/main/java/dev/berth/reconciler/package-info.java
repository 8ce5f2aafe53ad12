/**
 * ECS's service scheduler as a pure function: {@link dev.berth.reconciler.ServiceReconciler} turns a service's
 * stored state and what the backend reports about its tasks into a plan (tasks to stop and to launch, events, the
 * service's next state, when to look again), and {@link dev.berth.runtime.ServiceController} is the loop that
 * reads that input, stores the plan's state and carries out its actions through the SPI.
 *
 * <p>Nullness: no parameter, component or return value in this package is {@code null}; absent values are
 * {@link java.util.Optional} or empty collections.
 */
package dev.berth.reconciler;
