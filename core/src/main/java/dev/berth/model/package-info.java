/**
 * The task-definition model: immutable records that mirror ECS's {@code RegisterTaskDefinition} input.
 *
 * <p>Nullness: no component, parameter or return value is {@code null}. Absent optional values are
 * {@link java.util.Optional} or {@link java.util.OptionalInt} components, because ECS distinguishes "not set"
 * from every value (an unset {@code stopTimeout} means the agent's default), and absent lists are empty.
 */
package dev.berth.model;
