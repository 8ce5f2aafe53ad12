package dev.berth.testing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Copies everything written to {@link System#err} and {@link System#out} while it is open (slf4j-simple, the tests'
 * SLF4J binding, writes to the current {@code System.err} on every call), still passing it through.
 */
public final class LogCapture implements AutoCloseable {

    private final PrintStream originalErr = System.err;
    private final PrintStream originalOut = System.out;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    /** Starts copying {@code System.err} and {@code System.out}. */
    public LogCapture() {
        System.setErr(new PrintStream(new Tee(originalErr), true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(new Tee(originalOut), true, StandardCharsets.UTF_8));
    }

    /** @return everything captured so far */
    public String text() {
        synchronized (captured) {
            return captured.toString(StandardCharsets.UTF_8);
        }
    }

    /** Restores the original streams. */
    @Override
    public void close() {
        System.setErr(originalErr);
        System.setOut(originalOut);
    }

    private final class Tee extends OutputStream {
        private final PrintStream through;

        Tee(PrintStream through) {
            this.through = through;
        }

        @Override
        public void write(int b) {
            through.write(b);
            synchronized (captured) {
                captured.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            through.write(b, off, len);
            synchronized (captured) {
                captured.write(b, off, len);
            }
        }
    }
}
