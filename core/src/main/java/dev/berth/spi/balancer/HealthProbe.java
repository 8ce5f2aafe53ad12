package dev.berth.spi.balancer;

import dev.berth.network.CheckResult;
import dev.berth.network.Endpoint;
import dev.berth.network.HealthCheckProtocol;
import dev.berth.network.HealthCheckSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One health check of a target over a real socket, as ELB makes it: a TCP connection that must open within the
 * timeout, or an HTTP {@code GET} of the path whose status code must match. Blocking, bounded by the settings'
 * timeout for the whole check; run it on a thread that may wait that long. Thread-safe.
 */
public final class HealthProbe {

    /** How Berth's checks introduce themselves, after ELB's {@code ELB-HealthChecker/2.0}. */
    static final String USER_AGENT = "Berth-HealthChecker/1.0";
    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/\\d(?:\\.\\d)? (\\d{3}).*");
    private static final int MAX_STATUS_LINE = 1024;

    /**
     * @param target the address the target receives traffic on
     * @param settings the target group's health check
     * @return the outcome; never throws for a target that fails
     */
    public CheckResult check(Endpoint target, HealthCheckSettings settings) {
        int port = settings.port().orElse(target.port());
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(target.host(), port), remainingMillis(deadline));
            if (settings.protocol() == HealthCheckProtocol.TCP) {
                return CheckResult.pass();
            }
            return httpStatus(socket, target.host(), port, settings, deadline);
        } catch (SocketTimeoutException e) {
            return CheckResult.fail(CheckResult.TIMEOUT, "Request timed out");
        } catch (IOException e) {
            return CheckResult.fail(CheckResult.FAILED_HEALTH_CHECKS, "Health checks failed: " + e.getMessage());
        }
    }

    private static CheckResult httpStatus(Socket socket, String host, int port, HealthCheckSettings settings,
                                          long deadline) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + settings.path() + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nUser-Agent: "
                + USER_AGENT + "\r\nAccept: */*\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String line = statusLine(socket, deadline);
        Matcher m = STATUS_LINE.matcher(line);
        if (!m.matches()) {
            return CheckResult.fail(CheckResult.FAILED_HEALTH_CHECKS, "Health checks failed: no HTTP status line, got '"
                    + line + "'");
        }
        int status = Integer.parseInt(m.group(1));
        return settings.matcher().matches(status) ? CheckResult.pass()
                : CheckResult.fail(CheckResult.RESPONSE_CODE_MISMATCH, "Health checks failed with these codes: ["
                        + status + "]");
    }

    /** Reads up to the first CRLF, each read bounded by what is left of the check's time. */
    private static String statusLine(Socket socket, long deadline) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder line = new StringBuilder();
        while (line.length() < MAX_STATUS_LINE) {
            socket.setSoTimeout(remainingMillis(deadline));
            int b = in.read();
            if (b < 0 || b == '\n') {
                break;
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    private static int remainingMillis(long deadline) throws SocketTimeoutException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SocketTimeoutException("health check timeout");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }
}
