/**
 * ECS task-definition JSON: read the files users already have ({@code aws ecs register-task-definition
 * --cli-input-json} input, {@code aws ecs describe-task-definition} output) into Berth's model, and write the model
 * back in those formats. Start with {@link dev.berth.json.EcsTaskDefinitionJson#create()}.
 *
 * <p>Nullness: no parameter or return value in this package is {@code null}.
 */
package dev.berth.json;
