/**
 * Tasks as a backend observes them: {@link dev.berth.task.Task} with its containers, lifecycle status, health and
 * ECS's stop codes.
 *
 * <p>Nullness: no parameter, component or return value in this package is {@code null}; absent values are
 * {@link java.util.Optional} or empty collections.
 */
package dev.berth.task;
