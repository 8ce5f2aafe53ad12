/**
 * ECS-managed services: Berth's service calls forwarded to ECS's service scheduler (CreateService, UpdateService,
 * DeleteService) and its answers (DescribeServices) read back as Berth's deployments and events.
 */
package dev.berth.aws.managed;
