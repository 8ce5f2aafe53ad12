/**
 * Internal: ECS's rules for services that need more than a service's own fields (its task definition).
 * Not part of Berth's API; may change in any release.
 *
 * <p>Nullness: no parameter, component or return value in this package is {@code null}.
 */
package dev.berth.service.internal;
