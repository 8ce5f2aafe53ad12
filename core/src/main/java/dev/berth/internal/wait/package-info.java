/** Internal: blocking waits with deadlines. Not part of Berth's API. Nothing here is null. */
package dev.berth.internal.wait;
