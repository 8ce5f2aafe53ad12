/**
 * Berth's exceptions: one unchecked root, {@link dev.berth.exception.BerthException}, with subtypes by meaning.
 * Nothing in this package accepts or returns {@code null}.
 */
package dev.berth.exception;
