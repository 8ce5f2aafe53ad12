/**
 * Fault-injection tests of the Docker backend on real engines: a Berth process killed mid-roll, an engine
 * restarted under a running service, state files damaged, changes made behind Berth's back, and secrets kept out
 * of logs and state. Private engines run in network namespaces of their own ({@link
 * dev.berth.docker.reliability.PrivateEngine}).
 */
package dev.berth.docker.reliability;
