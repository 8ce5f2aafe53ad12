package dev.berth.docker.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A fault-injecting proxy on a Docker engine's socket: a Unix socket of its own that forwards every HTTP request to
 * the engine's socket and every answer back, while it counts the engine calls that change something (any method but
 * {@code GET} and {@code HEAD}). Two faults:
 * <ul>
 *   <li>{@link #freezeAfter freeze} after the N-th changing call, or the N-th call of any kind: once the engine has
 *       answered that call, the answer is withheld and every connection is cut, and no later counted call reaches the
 *       engine. The client process is then killed: for the engine it died right after that call.</li>
 *   <li>{@link #dropAnswer drop the answer} of a chosen call: the engine performs it, the client never hears back
 *       (the connection is closed once the engine's answer arrived) and has to find out by itself.</li>
 * </ul>
 * Requests are parsed (head, then a body by {@code Content-Length} or chunked), answers are forwarded as raw bytes:
 * docker-java's clients never pipeline, so the bytes that follow a request on its connection are its answer. The
 * proxy runs in the test JVM; its socket lives under {@code /tmp/berth-crash-<id>}.
 */
final class EngineFaultProxy implements AutoCloseable {

    /** A call as the proxy saw it. */
    record Call(String method, String path) {
        /** @return whether the call changes something on the engine */
        boolean changes() {
            return !method.equals("GET") && !method.equals("HEAD");
        }

        /**
         * @return whether the call is one step of what the client does: anything but the event stream (a
         *     subscription that stays open) and a ping
         */
        boolean isStep() {
            String kind = kind();
            return !kind.equals("GET /events") && !kind.endsWith("/_ping");
        }

        /** @return e.g. {@code POST /containers/{id}/start}: without the API version, query and names */
        String kind() {
            String[] parts = VERSION.matcher(path.split("\\?")[0]).replaceFirst("").split("/");
            if (parts.length > 2 && !Set.of("create", "json", "prune").contains(parts[2])) {
                parts[2] = "{id}";
            }
            return method + " " + String.join("/", parts);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static final Pattern VERSION = Pattern.compile("^/v[0-9.]+");

    private final Path dir;
    private final Path socket;
    private final UnixDomainSocketAddress upstream;
    private final ServerSocketChannel server;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final List<Call> writes = new ArrayList<>();
    /** What {@link #freezeAfter} counts: changing calls, or every step. */
    private volatile Predicate<Call> counted = Call::changes;
    private final CountDownLatch frozen = new CountDownLatch(1);
    private volatile int freezeAfter = Integer.MAX_VALUE;
    private volatile Predicate<Call> dropAnswerOf = c -> false;
    private volatile boolean isFrozen;
    private final List<Call> dropped = new ArrayList<>();

    private EngineFaultProxy(Path dir, Path upstream) throws IOException {
        this.dir = dir;
        this.socket = dir.resolve("engine.sock");
        this.upstream = UnixDomainSocketAddress.of(upstream);
        Files.createDirectories(dir);
        Files.deleteIfExists(socket);
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Thread acceptor = new Thread(this::accept, "engine-fault-proxy-" + dir.getFileName());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * @param id names the proxy's directory, {@code /tmp/berth-crash-<id>}
     * @param engineSocket the engine's socket, e.g. {@code /var/run/docker.sock}
     */
    static EngineFaultProxy start(String id, Path engineSocket) {
        try {
            return new EngineFaultProxy(Path.of("/tmp/berth-crash-" + id), engineSocket);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the engine proxy", e);
        }
    }

    /** @return the proxy's endpoint, for a Berth that should go through it */
    URI endpoint() {
        return URI.create("unix://" + socket);
    }

    /** Freezes the proxy once the engine has answered the {@code n}-th changing call counted from now on. */
    synchronized void freezeAfterWrite(int n) {
        freezeAfter(n, Call::changes);
    }

    /**
     * Freezes the proxy once the engine has answered the {@code n}-th call counted from now on that {@code counted}
     * accepts ({@link Call#changes} or {@link Call#isStep}); the calls it counts are listed by {@link #writes()}.
     */
    synchronized void freezeAfter(int n, Predicate<Call> which) {
        counted = which;
        freezeAfter = n == Integer.MAX_VALUE ? n : writes.size() + n;
    }

    /** Drops the engine's answer to the first call from now on that {@code which} accepts, and to no later one. */
    void dropAnswer(Predicate<Call> which) {
        dropAnswerOf = which;
    }

    /**
     * @param timeout how long to wait
     * @return whether the proxy froze within {@code timeout}
     */
    boolean awaitFrozen(Duration timeout) {
        try {
            return frozen.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** @return the counted calls (changing ones unless {@link #freezeAfter} said otherwise) forwarded so far */
    synchronized List<Call> writes() {
        return List.copyOf(writes);
    }

    /** @return the calls whose answer was dropped */
    synchronized List<Call> dropped() {
        return List.copyOf(dropped);
    }

    private void accept() {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                if (isFrozen) {
                    client.close();
                    continue;
                }
                Link link = new Link(client, SocketChannel.open(upstream));
                links.add(link);
                link.start();
            } catch (IOException e) {
                if (server.isOpen()) {
                    System.err.println("engine proxy: accept failed: " + e);
                }
            }
        }
    }

    /** What becomes of a changing call. */
    private enum Admission { FORWARD, FORWARD_THEN_FREEZE, HOLD }

    /**
     * Counts a changing call before it leaves. Once the call to freeze after has left, no later one reaches the
     * engine (they are held until the freeze cuts them off), so exactly that many changes happen, however many
     * calls the client had in flight.
     */
    private synchronized Admission admit(Call call) {
        if (isFrozen || writes.size() >= freezeAfter) {
            return Admission.HOLD;
        }
        writes.add(call);
        return writes.size() == freezeAfter ? Admission.FORWARD_THEN_FREEZE : Admission.FORWARD;
    }

    private synchronized boolean takeDrop(Call call) {
        if (dropAnswerOf.test(call)) {
            dropAnswerOf = c -> false;
            dropped.add(call);
            return true;
        }
        return false;
    }

    private synchronized void freeze() {
        isFrozen = true;
        links.forEach(Link::close);
        frozen.countDown();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        links.forEach(Link::close);
        try {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            System.err.println("engine proxy: cannot delete " + dir + ": " + e);
        }
    }

    /** One client connection and its own connection to the engine. */
    private final class Link {
        private final SocketChannel client;
        private final SocketChannel engine;
        /** What the answer now on its way belongs to: freeze after it, drop it, or neither. */
        private volatile boolean freezeOnAnswer;
        private volatile boolean dropOnAnswer;

        Link(SocketChannel client, SocketChannel engine) {
            this.client = client;
            this.engine = engine;
        }

        void start() {
            Thread requests = new Thread(this::forwardRequests, "engine-proxy-requests");
            Thread answers = new Thread(this::forwardAnswers, "engine-proxy-answers");
            requests.setDaemon(true);
            answers.setDaemon(true);
            requests.start();
            answers.start();
        }

        private void forwardRequests() {
            Reader in = new Reader(client);
            try {
                while (true) {
                    byte[] head = in.head();
                    if (head == null) {
                        break;
                    }
                    String text = new String(head, StandardCharsets.ISO_8859_1);
                    String[] requestLine = text.substring(0, text.indexOf("\r\n")).split(" ");
                    Call call = new Call(requestLine[0], requestLine[1]);
                    if (isFrozen) {
                        break;
                    }
                    if (counted.test(call)) {
                        // decided before the request leaves: its answer may come back at once
                        Admission admission = admit(call);
                        if (admission == Admission.HOLD) {
                            frozen.await();
                            break;
                        }
                        freezeOnAnswer = admission == Admission.FORWARD_THEN_FREEZE;
                    }
                    if (call.changes()) {
                        dropOnAnswer = takeDrop(call);
                    }
                    write(engine, head);
                    forwardBody(in, text.toLowerCase(Locale.ROOT));
                }
            } catch (IOException e) {
                // a side closed: the link ends
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            close();
        }

        private void forwardBody(Reader in, String head) throws IOException {
            if (head.contains("\r\ntransfer-encoding: chunked")) {
                while (true) {
                    byte[] sizeLine = in.line();
                    write(engine, sizeLine);
                    int size = Integer.parseInt(new String(sizeLine, StandardCharsets.ISO_8859_1).trim().split(";")[0],
                            16);
                    write(engine, in.exactly(size + 2));
                    if (size == 0) {
                        return;
                    }
                }
            }
            int at = head.indexOf("\r\ncontent-length:");
            if (at >= 0) {
                int end = head.indexOf("\r\n", at + 2);
                int length = Integer.parseInt(head.substring(at + 17, end).trim());
                write(engine, in.exactly(length));
            }
        }

        private void forwardAnswers() {
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            try {
                while (engine.read(buffer) >= 0) {
                    buffer.flip();
                    if (freezeOnAnswer) {
                        freeze();
                        return;
                    }
                    if (dropOnAnswer) {
                        close(); // the engine did it; the client never hears
                        return;
                    }
                    while (buffer.hasRemaining()) {
                        client.write(buffer);
                    }
                    buffer.clear();
                }
            } catch (IOException e) {
                // a side closed: the link ends
            }
            close();
        }

        void close() {
            links.remove(this);
            try {
                client.close();
            } catch (IOException e) {
                // closing anyway
            }
            try {
                engine.close();
            } catch (IOException e) {
                // closing anyway
            }
        }

        private void write(SocketChannel to, byte[] bytes) throws IOException {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                to.write(b);
            }
        }
    }

    /** Reads a request's parts from a channel, keeping what it read ahead. */
    private static final class Reader {
        private final SocketChannel channel;
        private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);

        Reader(SocketChannel channel) {
            this.channel = channel;
            buffer.flip();
        }

        /** @return the request head up to and with its empty line; null at the end of the stream */
        byte[] head() throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int matched = 0;
            byte[] end = {'\r', '\n', '\r', '\n'};
            while (matched < 4) {
                if (!fill()) {
                    return null;
                }
                byte b = buffer.get();
                out.write(b);
                matched = b == end[matched] ? matched + 1 : b == '\r' ? 1 : 0;
            }
            return out.toByteArray();
        }

        byte[] line() throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte last = 0;
            while (true) {
                if (!fill()) {
                    throw new IOException("end of stream in a chunk size");
                }
                byte b = buffer.get();
                out.write(b);
                if (last == '\r' && b == '\n') {
                    return out.toByteArray();
                }
                last = b;
            }
        }

        byte[] exactly(int n) throws IOException {
            byte[] out = new byte[n];
            int at = 0;
            while (at < n) {
                if (!fill()) {
                    throw new IOException("end of stream in a body");
                }
                int take = Math.min(n - at, buffer.remaining());
                buffer.get(out, at, take);
                at += take;
            }
            return out;
        }

        private boolean fill() throws IOException {
            if (buffer.hasRemaining()) {
                return true;
            }
            buffer.clear();
            int read = channel.read(buffer);
            buffer.flip();
            return read > 0 || read == 0 && fill();
        }
    }
}
