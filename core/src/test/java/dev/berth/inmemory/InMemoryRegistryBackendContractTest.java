package dev.berth.inmemory;

import dev.berth.spi.RegistryBackend;
import dev.berth.spi.tck.RegistryContract;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The registry contract on the in-memory registry, with a clock that moves a minute at every reading. */
class InMemoryRegistryBackendContractTest extends RegistryContract {

    @Override
    protected RegistryBackend createBackend() {
        InMemoryRegistryBackend backend = InMemoryRegistryBackend.create("registry.test:5000", new TickingClock());
        for (int variant = 0; variant < 4; variant++) {
            backend.addLocalImage(localImage(variant), "content of variant " + variant);
        }
        return backend;
    }

    @Override
    protected String localImage(int variant) {
        return "contract/local:" + variant;
    }

    /** Push times then differ as on a real registry. */
    private static final class TickingClock extends Clock {
        private Instant now = Definitions.T0;

        @Override
        public synchronized Instant instant() {
            now = now.plus(Duration.ofMinutes(1));
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("a UTC test clock");
        }
    }
}
