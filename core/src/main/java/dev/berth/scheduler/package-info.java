/**
 * The ECS task placement engine: {@link dev.berth.scheduler.PlacementEngine} places
 * {@link dev.berth.scheduler.PlacementRequest}s on a fleet of {@link dev.berth.scheduler.InstanceState}s and
 * explains every failure per instance; {@link dev.berth.scheduler.ScaleInSelector} picks the tasks to stop when a
 * service shrinks. Both are pure and deterministic for a given seed. The cluster query language of
 * {@code memberOf} constraints is in {@link dev.berth.scheduler.query}.
 *
 * <p>Decisions where ECS is silent: a task placed in a pass counts as a running task of its group right away
 * (for spread, {@code distinctInstance}, {@code task:group} and {@code runningTasksCount}); ties left after the
 * last strategy go to the first instance in a pseudo-random order fixed per task group (the seed drives only the
 * {@code random} strategy); spread over an attribute treats instances without it as one more value.
 *
 * <p>Nullness: no parameter, component or return value in this package is {@code null}; absent values are
 * {@link java.util.Optional} or empty collections.
 */
package dev.berth.scheduler;
