/** Internal: where Berth keeps its desired state. Not part of Berth's API. Nothing here is null. */
package dev.berth.internal.state;
