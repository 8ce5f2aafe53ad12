/**
 * Berth's own load balancer for the backends whose tasks publish ports on real hosts (the Docker backend): a
 * listener that forwards connections to healthy targets over Java NIO, health checks of the targets, ELB's health
 * state machine, and draining. Components are never null.
 */
package dev.berth.spi.balancer;
