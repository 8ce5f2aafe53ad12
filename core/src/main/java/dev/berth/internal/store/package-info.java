/**
 * Internal: task-definition revisions, kept in memory and, through a journal, optionally on disk. Not part of
 * Berth's API; may change in any release. Nothing is null.
 */
package dev.berth.internal.store;
