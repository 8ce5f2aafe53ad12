/**
 * Connecting the Kubernetes backend to Amazon EKS with the AWS SDK's credentials: the endpoint and CA from EKS's
 * DescribeCluster, and a bearer token made as aws-iam-authenticator makes it. Needs the AWS SDK's {@code eks} and
 * {@code sts} modules on the class path (optional dependencies of berth-kubernetes). Nothing here returns or accepts
 * null unless its documentation says so.
 */
package dev.berth.kubernetes.eks;
