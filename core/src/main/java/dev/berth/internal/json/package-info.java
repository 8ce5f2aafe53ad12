/**
 * Internal: the ECS task-definition JSON codec behind {@link dev.berth.json.EcsTaskDefinitionJson}. Jackson is used
 * only here. Not part of Berth's API; may change in any release.
 *
 * <p>Nullness: nothing in this package accepts or returns {@code null}; JSON {@code null} values are read as
 * absent fields.
 */
package dev.berth.internal.json;
