/**
 * Internal: the Distribution API client, manifests, authentication challenges and the backend's in-memory records.
 * Not an API; may change in any release. Nothing here accepts or returns {@code null}.
 */
package dev.berth.docker.registry.internal;
