/**
 * The JSON formats of ECS and ECR that users already have: task definitions ({@code aws ecs register-task-definition
 * --cli-input-json} input, {@code aws ecs describe-task-definition} output) through
 * {@link dev.berth.json.EcsTaskDefinitionJson#create()}, and lifecycle policies ({@code aws ecr put-lifecycle-policy})
 * through {@link dev.berth.json.LifecyclePolicyJson}; each reads into Berth's model and writes the model back.
 *
 * <p>Nullness: no parameter or return value in this package is {@code null}.
 */
package dev.berth.json;
