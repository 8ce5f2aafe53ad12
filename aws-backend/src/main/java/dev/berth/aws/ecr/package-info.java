/**
 * Berth's registry API on Amazon ECR: {@link dev.berth.aws.ecr.EcrRegistryBackend} (repositories, images, tags, tag
 * mutability, scan on push, stored lifecycle policies, push and pull through a Docker engine),
 * {@link dev.berth.aws.ecr.EcrRegistryConfig} (the user's own {@code EcrClient} or a customizer of the one Berth
 * builds) and {@link dev.berth.aws.ecr.EcrAuthorization} (the Docker login from {@code GetAuthorizationToken},
 * renewed before it expires, never logged). Push and pull need the optional berth-docker on the class path.
 * Nothing in this package accepts or returns {@code null}.
 */
package dev.berth.aws.ecr;
