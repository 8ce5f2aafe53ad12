package dev.berth.aws;

/** Where ECS runs the tasks Berth starts: on EC2 container instances of the cluster, or on Fargate. */
public enum LaunchType {
    /** EC2 container instances registered in the cluster; the only launch type of client-scheduled mode. */
    EC2,
    /** AWS Fargate: no instances to manage; needs {@code awsvpc} and a Fargate task size (cpu/memory pair). */
    FARGATE
}
