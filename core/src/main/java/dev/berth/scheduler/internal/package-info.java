/**
 * Internal: the placement pipeline behind {@link dev.berth.scheduler.PlacementEngine} (live instance slots,
 * feasibility filters, rankers and the indexes they build). Not part of Berth's API; may change in any release.
 *
 * <p>Nullness: nothing here accepts or returns {@code null}. These classes are not thread-safe; the engine that
 * owns them is confined to one thread at a time.
 */
package dev.berth.scheduler.internal;
