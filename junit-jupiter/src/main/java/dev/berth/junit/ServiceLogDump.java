package dev.berth.junit;

/**
 * The state, events and container logs of a test's Berth services when the test failed, attached to the test's
 * failure as a suppressed exception, so that the report shows why a service misbehaved next to the assertion that
 * noticed. It carries no stack trace: the dump is its message.
 */
public final class ServiceLogDump extends RuntimeException {

    ServiceLogDump(String dump) {
        super("Berth services when the test failed:\n" + dump, null, false, false);
    }
}
