/**
 * Berth's public API: resource collections and their verbs. Nothing here accepts or returns {@code null};
 * lookups that may find nothing return {@link java.util.Optional}, describes of a missing resource throw
 * {@link dev.berth.exception.ResourceNotFoundException}.
 */
package dev.berth.api;
