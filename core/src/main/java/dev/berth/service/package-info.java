/**
 * Services as ECS describes them: the spec a user gives ({@link dev.berth.service.ServiceSpec} with its
 * deployment configuration and circuit breaker), and what Berth keeps about each service (its deployments, restart
 * throttle and event log).
 *
 * <p>Nullness: no parameter, component or return value in this package is {@code null}; absent values are
 * {@link java.util.Optional} or empty collections.
 */
package dev.berth.service;
