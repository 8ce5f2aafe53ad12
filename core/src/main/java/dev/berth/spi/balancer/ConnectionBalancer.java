package dev.berth.spi.balancer;

import dev.berth.network.Endpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP listener that forwards each new connection to one of its routed targets, round robin, as a Network Load
 * Balancer does: the connection stays with its target until either side closes it (or {@link #closeConnections}
 * cuts it), so taking a target out of {@link #route} stops new connections to it while its open ones finish.
 * A target that refuses the connection before any byte reached it is skipped for the next one.
 *
 * <p>One NIO selector thread does all the work: accepts, connects, and copies bytes in both directions through a
 * buffer per direction, reading from a side only while the buffer towards the other has room (so a slow reader
 * slows its writer instead of filling memory), and passing on a half close. Java 17 has no virtual threads; a
 * selector serves every connection of the listener with one platform thread and no per-connection stack, and
 * forwards on the thread that saw the bytes arrive. The control methods are thread-safe.
 */
public final class ConnectionBalancer implements AutoCloseable {

    /** What a client gets when no target is routed. */
    public enum NoTargetAnswer {
        /** Its connection is closed: a TCP target group. */
        CLOSE,
        /** {@code 503 Service Unavailable}, as an Application Load Balancer answers without healthy targets. */
        HTTP_503
    }

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionBalancer.class);
    private static final int BUFFER_BYTES = 32 * 1024;
    private static final byte[] UNAVAILABLE = ("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n"
            + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BAD_GATEWAY = ("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n"
            + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

    private final String name;
    private final ServerSocketChannel server;
    private final Selector selector;
    private final NoTargetAnswer noTarget;
    private final Endpoint listener;
    private final Thread loop;
    private final Queue<Runnable> onLoop = new ConcurrentLinkedQueue<>();
    private final AtomicInteger nextTarget = new AtomicInteger();
    private final Map<String, AtomicInteger> active = new java.util.concurrent.ConcurrentHashMap<>();
    /** Touched by the loop thread only. */
    private final Set<Pipe> pipes = new HashSet<>();
    private volatile List<RoutedTarget> routed = List.of();
    private volatile boolean open = true;

    private ConnectionBalancer(String name, ServerSocketChannel server, Selector selector, NoTargetAnswer noTarget,
                               Endpoint listener) {
        this.name = name;
        this.server = server;
        this.selector = selector;
        this.noTarget = noTarget;
        this.listener = listener;
        this.loop = new Thread(this::run, "berth-balancer-" + name);
        this.loop.setDaemon(true);
    }

    /**
     * Binds the listener and starts forwarding.
     *
     * @param name for the thread's name and log lines
     * @param bind the address and port to listen on; port 0 = a free one
     * @param noTarget what a client gets while no target is routed
     * @return the running balancer
     * @throws UncheckedIOException if the address cannot be bound (the message names it)
     */
    public static ConnectionBalancer open(String name, InetSocketAddress bind, NoTargetAnswer noTarget) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(noTarget, "noTarget");
        ServerSocketChannel server = null;
        try {
            server = ServerSocketChannel.open();
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(bind, 512);
            server.configureBlocking(false);
            Selector selector = Selector.open();
            server.register(selector, SelectionKey.OP_ACCEPT);
            InetSocketAddress bound = (InetSocketAddress) server.getLocalAddress();
            String host = bind.getAddress().isAnyLocalAddress() ? "127.0.0.1" : bind.getAddress().getHostAddress();
            ConnectionBalancer balancer = new ConnectionBalancer(name, server, selector, noTarget,
                    new Endpoint(host, bound.getPort()));
            balancer.loop.start();
            return balancer;
        } catch (IOException e) {
            closeQuietly(server);
            throw new UncheckedIOException("cannot listen on " + bind + " for " + name + ": " + e.getMessage(), e);
        }
    }

    /** @return where the listener accepts connections */
    public Endpoint listener() {
        return listener;
    }

    /**
     * Sets the targets new connections go to; open connections stay where they are.
     *
     * @param targets the targets, in the order round robin walks them
     */
    public void route(List<RoutedTarget> targets) {
        routed = List.copyOf(targets);
    }

    /** @return the targets new connections go to */
    public List<RoutedTarget> routed() {
        return routed;
    }

    /**
     * @param targetId a target's id
     * @return connections open (or being opened) to it now
     */
    public int activeConnections(String targetId) {
        AtomicInteger count = active.get(targetId);
        return count == null ? 0 : count.get();
    }

    /**
     * Closes every open connection to a target, as the end of a deregistration delay does.
     *
     * @param targetId the target's id
     */
    public void closeConnections(String targetId) {
        runOnLoop(() -> List.copyOf(pipes).stream().filter(p -> targetId.equals(p.targetId)).forEach(Pipe::close));
    }

    /** Stops listening and closes every connection. */
    @Override
    public void close() {
        if (!open) {
            return;
        }
        open = false;
        selector.wakeup();
        try {
            loop.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(server);
        try {
            selector.close();
        } catch (IOException e) {
            LOG.debug("closing the selector of balancer={} failed: {}", name, e.toString());
        }
    }

    @Override
    public String toString() {
        return "ConnectionBalancer[" + name + " on " + listener + "]";
    }

    private void runOnLoop(Runnable task) {
        onLoop.add(task);
        selector.wakeup();
    }

    private void run() {
        try {
            while (open) {
                selector.select();
                for (Runnable task = onLoop.poll(); task != null; task = onLoop.poll()) {
                    task.run();
                }
                Set<SelectionKey> ready = selector.selectedKeys();
                for (SelectionKey key : ready) {
                    dispatch(key);
                }
                ready.clear();
            }
        } catch (IOException | ClosedSelectorException e) {
            if (open) {
                LOG.warn("balancer={} stopped: {}", name, e.toString());
            }
        } finally {
            List.copyOf(pipes).forEach(Pipe::close);
        }
    }

    private void dispatch(SelectionKey key) {
        if (!key.isValid()) {
            return;
        }
        if (key.channel() == server) {
            accept();
            return;
        }
        if (key.attachment() instanceof Refusal refusal) {
            refusal.readable();
            return;
        }
        End end = (End) key.attachment();
        try {
            if (key.isConnectable()) {
                end.pipe.connected();
            } else {
                if (key.isReadable()) {
                    end.pipe.read(end.client);
                }
                if (key.isValid() && key.isWritable()) {
                    end.pipe.write(end.client);
                }
            }
        } catch (IOException e) {
            LOG.debug("balancer={} connection to target={} ended: {}", name, end.pipe.targetId, e.toString());
            end.pipe.close();
        }
    }

    private void accept() {
        SocketChannel client;
        try {
            client = server.accept();
            if (client == null) {
                return;
            }
            client.configureBlocking(false);
            client.setOption(StandardSocketOptions.TCP_NODELAY, true);
        } catch (IOException e) {
            LOG.debug("balancer={} accept failed: {}", name, e.toString());
            return;
        }
        List<RoutedTarget> targets = routed;
        if (targets.isEmpty()) {
            refuse(client, noTarget == NoTargetAnswer.HTTP_503 ? UNAVAILABLE : null);
            return;
        }
        int first = Math.floorMod(nextTarget.getAndIncrement(), targets.size());
        List<RoutedTarget> order = new ArrayList<>(targets.size());
        for (int i = 0; i < targets.size(); i++) {
            order.add(targets.get((first + i) % targets.size()));
        }
        Pipe pipe = new Pipe(client, order);
        pipes.add(pipe);
        pipe.connectNext();
    }

    /**
     * Answers a client no target will serve (a short HTTP answer, or nothing), half closes, and reads what it sent
     * until it closes too: closing a socket with unread bytes would reset the connection, and the client would see
     * the reset instead of the answer.
     */
    private void refuse(SocketChannel client, byte[] answer) {
        try {
            if (answer != null) {
                client.write(ByteBuffer.wrap(answer));
            }
            client.shutdownOutput();
            client.register(selector, SelectionKey.OP_READ, new Refusal(client));
        } catch (IOException e) {
            closeQuietly(client);
        }
    }

    /**
     * A client whose key was just cancelled can be registered again only after the next select: the refusal waits
     * for it on the loop.
     */
    private void refuseAfterCancel(SocketChannel client, byte[] answer) {
        onLoop.add(() -> refuse(client, answer));
        selector.wakeup();
    }

    /** A refused client whose bytes are read and dropped until it closes, up to a limit. */
    private static final class Refusal {
        private static final int LIMIT = 1024 * 1024;
        private final SocketChannel client;
        private final ByteBuffer sink = ByteBuffer.allocate(4096);
        private int dropped;

        Refusal(SocketChannel client) {
            this.client = client;
        }

        void readable() {
            try {
                sink.clear();
                int n = client.read(sink);
                dropped += Math.max(0, n);
                if (n < 0 || dropped > LIMIT) {
                    closeQuietly(client);
                }
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private static void closeQuietly(java.nio.channels.Channel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing: nothing left to do
            }
        }
    }

    /** One side of a pipe, the attachment of its channel's key. */
    private record End(Pipe pipe, boolean client) {
    }

    /** One client connection and its connection to a target; touched by the loop thread only. */
    private final class Pipe {
        private final SocketChannel client;
        private final SelectionKey clientKey;
        private final List<RoutedTarget> candidates;
        /** Client to target; in fill mode. */
        private final ByteBuffer up = ByteBuffer.allocateDirect(BUFFER_BYTES);
        /** Target to client; in fill mode. */
        private final ByteBuffer down = ByteBuffer.allocateDirect(BUFFER_BYTES);
        /** Whether {@link #targetId}'s count includes this pipe. */
        private boolean counted;
        private SocketChannel upstream;
        private SelectionKey upstreamKey;
        private String targetId;
        private int candidate = -1;
        private boolean upstreamConnected;
        private boolean clientEof;
        private boolean upstreamEof;
        private boolean upShut;
        private boolean downShut;
        private boolean closed;

        Pipe(SocketChannel client, List<RoutedTarget> candidates) {
            this.client = client;
            this.candidates = candidates;
            SelectionKey key;
            try {
                key = client.register(selector, 0, new End(this, true));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            this.clientKey = key;
        }

        /** Connects to the next candidate; with none left, the client gets a 502 (HTTP) or is closed. */
        void connectNext() {
            while (++candidate < candidates.size()) {
                RoutedTarget target = candidates.get(candidate);
                try {
                    upstream = SocketChannel.open();
                    upstream.configureBlocking(false);
                    upstream.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    count(target.id());
                    boolean now = upstream.connect(new InetSocketAddress(target.address().host(),
                            target.address().port()));
                    upstreamKey = upstream.register(selector, now ? 0 : SelectionKey.OP_CONNECT, new End(this, false));
                    if (now) {
                        connected();
                    } else {
                        interests();
                    }
                    return;
                } catch (IOException e) {
                    LOG.debug("balancer={} cannot connect to target={} at {}: {}", name, target.id(),
                            target.address(), e.toString());
                    dropUpstream();
                }
            }
            pipes.remove(this);
            closed = true;
            uncount();
            clientKey.cancel();
            refuseAfterCancel(client, noTarget == NoTargetAnswer.HTTP_503 ? BAD_GATEWAY : null);
        }

        /** The connection to the target opened, or failed: then the next candidate is tried. */
        void connected() {
            try {
                if (!upstream.finishConnect()) {
                    return;
                }
            } catch (IOException e) {
                LOG.debug("balancer={} connection to target={} refused: {}", name, targetId, e.toString());
                dropUpstream();
                connectNext();
                return;
            }
            upstreamConnected = true;
            try {
                flush(up, upstream);
                interests();
            } catch (IOException e) {
                close();
            }
        }

        void read(boolean fromClient) throws IOException {
            SocketChannel source = fromClient ? client : upstream;
            ByteBuffer buffer = fromClient ? up : down;
            int n = source.read(buffer);
            if (n < 0) {
                if (fromClient) {
                    clientEof = true;
                } else {
                    // The target closed its side: it no longer holds this connection open, whatever the client does.
                    upstreamEof = true;
                    uncount();
                }
            }
            SocketChannel sink = fromClient ? upstream : client;
            if (!fromClient || upstreamConnected) {
                flush(buffer, sink);
            }
            finishOrWait();
        }

        void write(boolean toClient) throws IOException {
            if (toClient) {
                flush(down, client);
            } else if (upstreamConnected) {
                flush(up, upstream);
            }
            finishOrWait();
        }

        private void flush(ByteBuffer buffer, SocketChannel sink) throws IOException {
            if (buffer.position() > 0) {
                buffer.flip();
                sink.write(buffer);
                buffer.compact();
            }
        }

        /** Passes a half close on once its direction is flushed; closes when both directions are done. */
        private void finishOrWait() throws IOException {
            if (clientEof && upstreamConnected && up.position() == 0 && !upShut) {
                upstream.shutdownOutput();
                upShut = true;
            }
            if (upstreamEof && down.position() == 0 && !downShut) {
                client.shutdownOutput();
                downShut = true;
            }
            if (upShut && downShut) {
                close();
            } else {
                interests();
            }
        }

        private void interests() {
            if (closed) {
                return;
            }
            int clientOps = (!clientEof && up.hasRemaining() ? SelectionKey.OP_READ : 0)
                    | (down.position() > 0 ? SelectionKey.OP_WRITE : 0);
            clientKey.interestOps(clientOps);
            if (upstreamKey != null && upstreamKey.isValid()) {
                int upstreamOps = !upstreamConnected ? SelectionKey.OP_CONNECT
                        : (!upstreamEof && down.hasRemaining() ? SelectionKey.OP_READ : 0)
                        | (up.position() > 0 ? SelectionKey.OP_WRITE : 0);
                upstreamKey.interestOps(upstreamOps);
            }
        }

        private void count(String id) {
            targetId = id;
            counted = true;
            active.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        }

        /** The target is done with this connection: it closed its side, or the pipe is gone. */
        private void uncount() {
            if (counted) {
                counted = false;
                active.get(targetId).decrementAndGet();
            }
        }

        private void dropUpstream() {
            uncount();
            if (upstreamKey != null) {
                upstreamKey.cancel();
                upstreamKey = null;
            }
            closeQuietly(upstream);
            upstream = null;
        }

        void close() {
            if (closed) {
                return;
            }
            closed = true;
            pipes.remove(this);
            uncount();
            clientKey.cancel();
            if (upstreamKey != null) {
                upstreamKey.cancel();
            }
            closeQuietly(client);
            closeQuietly(upstream);
        }
    }
}
