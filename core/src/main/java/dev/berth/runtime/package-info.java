/**
 * Internal: what runs in the background for one {@link dev.berth.api.Berth}, and the one path every placement takes.
 * Not part of Berth's API; may change in any release.
 *
 * <p>{@link dev.berth.runtime.BerthRuntime} owns the threads, the backend subscriptions and the parts the API calls
 * into: the {@link dev.berth.runtime.ServiceController} (a level-triggered loop around the pure
 * {@link dev.berth.reconciler.ServiceReconciler}, fed by a de-duplicating {@link dev.berth.runtime.WorkQueue}),
 * {@link dev.berth.runtime.ClusterSnapshots} (a cluster as the scheduler sees it, and the turns that keep two
 * placements in one cluster apart), the {@link dev.berth.runtime.TaskLauncher} (snapshot, place, start: RunTask,
 * service plans and the controller alike), the {@link dev.berth.runtime.Waiter} behind every {@code await...} and the
 * sweeper of stopped standalone tasks. docs/architecture.md shows how a RunTask and a service change pass through it.
 *
 * <p>Nullness: no parameter, component or return value in this package is {@code null}.
 */
package dev.berth.runtime;
