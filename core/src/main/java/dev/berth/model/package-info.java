/**
 * The task-definition model: immutable records that mirror ECS's {@code RegisterTaskDefinition} input; and the
 * values the layers above share: placement strategies and failures ({@link dev.berth.model.PlacementStrategy},
 * {@link dev.berth.model.PlacementFailure}), container-instance status, attributes and host ports. Task definitions
 * are checked against ECS's rules as they are built ({@link dev.berth.model.internal}).
 *
 * <p>Nullness: no component, parameter or return value is {@code null}. Absent optional values are
 * {@link java.util.Optional} or {@link java.util.OptionalInt} components, because ECS distinguishes "not set"
 * from every value (an unset {@code stopTimeout} means the agent's default), and absent lists are empty.
 */
package dev.berth.model;
