/** Internal: in-memory state stores. Not part of Berth's API; may change in any release. Nothing is null. */
package dev.berth.internal.store;
