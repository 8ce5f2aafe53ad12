/**
 * Internal: ECS's registration rules for task definitions, which {@link dev.berth.model.TaskDefinition}'s constructor
 * applies, reporting every problem at once with its JSON path. Not part of Berth's API; may change in any release.
 * They live in the model's layer because the model validates itself as it is built.
 */
package dev.berth.model.internal;
