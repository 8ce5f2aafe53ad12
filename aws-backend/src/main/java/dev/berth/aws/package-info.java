/**
 * Berth on AWS: Amazon ECS as a compute backend (services ECS-managed, or client-scheduled by Berth's own scheduler
 * and reconciler on EC2 container instances) and Amazon ECR as a registry backend, through the AWS SDK v2. Users pass
 * their own configured clients or client builders: Berth never chooses credentials or a region by itself.
 */
package dev.berth.aws;
