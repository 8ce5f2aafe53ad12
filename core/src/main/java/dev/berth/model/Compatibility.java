package dev.berth.model;

/** Launch types a task definition is validated against at registration. */
public enum Compatibility {
    /** Container instances on EC2 (and Berth's local engines): ECS's base rules. */
    EC2,
    /** AWS Fargate: the base rules plus Fargate's, such as awsvpc networking and fixed CPU/memory sizes. */
    FARGATE,
    /** ECS Anywhere: instances outside AWS registered with ECS. */
    EXTERNAL,
    /** ECS Managed Instances: EC2 capacity that ECS provisions and manages. */
    MANAGED_INSTANCES
}
