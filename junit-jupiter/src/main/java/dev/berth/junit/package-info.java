/**
 * Berth in JUnit 5 tests and beside Testcontainers: {@link dev.berth.junit.BerthExtension} with
 * {@link dev.berth.junit.BerthService} runs services around tests and hands out
 * {@link dev.berth.junit.BerthServiceHandle}s; {@link dev.berth.junit.BerthServiceContainer} and
 * {@link dev.berth.junit.TestcontainersEngine} bridge to Testcontainers (an optional dependency, needed only by
 * those two). Nothing here accepts or returns {@code null}.
 */
package dev.berth.junit;
