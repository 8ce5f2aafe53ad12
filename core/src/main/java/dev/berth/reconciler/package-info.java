/**
 * Internal: ECS's service scheduler as a pure function. Not part of Berth's API; may change in any release.
 *
 * <p>{@link dev.berth.reconciler.ServiceReconciler} turns a service's stored state
 * ({@link dev.berth.reconciler.ServiceState}: deployments, restart throttle, event log, counted stopped tasks) and
 * what the backend reports about its tasks into a {@link dev.berth.reconciler.ReconcilePlan}: tasks to stop, to
 * launch and to forget, events, the next state, and when to look again. It never calls a backend, reads a clock or
 * sleeps; the loop that feeds it and carries out its plans is {@link dev.berth.runtime.ServiceController}.
 *
 * <p>Nullness: no parameter, component or return value in this package is {@code null}; absent values are
 * {@link java.util.Optional} or empty collections.
 */
package dev.berth.reconciler;
