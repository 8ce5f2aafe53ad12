/**
 * The service-provider interface of compute backends: only Berth's and the JDK's types, so that {@code core}
 * never sees docker-java or the AWS SDK. Nothing here accepts or returns {@code null}.
 */
package dev.berth.spi;
