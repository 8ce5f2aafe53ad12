/** Internal: ECS's validation rules. Not part of Berth's API; may change in any release. */
package dev.berth.model.internal;
