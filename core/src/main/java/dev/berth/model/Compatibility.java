package dev.berth.model;

/** Launch types a task definition is validated against at registration. */
public enum Compatibility {
    EC2, FARGATE, EXTERNAL, MANAGED_INSTANCES
}
