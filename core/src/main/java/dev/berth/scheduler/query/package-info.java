/**
 * ECS's cluster query language: {@link dev.berth.scheduler.query.ClusterQuery} parses, prints and evaluates
 * expressions such as {@code attribute:ecs.availability-zone in [us-east-1a, us-east-1b]}.
 *
 * <p>Nullness: no parameter, component or return value in this package is {@code null}; absent values are
 * {@link java.util.Optional} or empty collections.
 */
package dev.berth.scheduler.query;
