/**
 * Services as ECS describes them: the spec a user gives ({@link dev.berth.service.ServiceSpec} with its
 * deployment configuration and circuit breaker), its deployments and events as Berth reports them, and the timings of
 * Berth's service scheduler ({@link dev.berth.service.ReconcilerSettings}).
 *
 * <p>Nullness: no parameter, component or return value in this package is {@code null}; absent values are
 * {@link java.util.Optional} or empty collections.
 */
package dev.berth.service;
