package dev.berth.spi.balancer;

import dev.berth.network.Endpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A server on a free loopback port for the balancer's tests, one platform thread per connection: it answers HTTP
 * requests with a status and its name as the body, echoes bytes, or holds connections without answering.
 */
final class LoopbackServer implements AutoCloseable {

    private final ServerSocket socket;
    private final Thread acceptor;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile int status = 200;

    private LoopbackServer(Consumer<Socket> handler) throws IOException {
        socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        acceptor = new Thread(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket connection = socket.accept();
                    accepted.incrementAndGet();
                    open.add(connection);
                    Thread worker = new Thread(() -> {
                        try {
                            handler.accept(connection);
                        } finally {
                            open.remove(connection);
                        }
                    });
                    worker.setDaemon(true);
                    worker.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** @return a server answering every request with {@link #status(int) its status} and {@code body} */
    static LoopbackServer http(String body) throws IOException {
        LoopbackServer[] self = new LoopbackServer[1];
        self[0] = new LoopbackServer(connection -> answerHttp(connection, () -> self[0].status, body));
        return self[0];
    }

    /** @return a server that sends back every byte it reads and closes its side after the client's */
    static LoopbackServer echo() throws IOException {
        return new LoopbackServer(connection -> {
            try (connection) {
                InputStream in = connection.getInputStream();
                OutputStream out = connection.getOutputStream();
                byte[] buffer = new byte[8192];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    out.write(buffer, 0, n);
                }
                connection.shutdownOutput();
            } catch (IOException e) {
                // the test closed it
            }
        });
    }

    /** @return a server that accepts connections and never answers */
    static LoopbackServer silent() throws IOException {
        return new LoopbackServer(connection -> {
            try {
                connection.getInputStream().readAllBytes();
            } catch (IOException e) {
                // closed by the test
            }
        });
    }

    /**
     * @return a server that answers {@code GET /health} at once and any other request only once {@code release} is
     *     counted down: a target that passes its checks while a request to it is in flight
     */
    static LoopbackServer held(String body, java.util.concurrent.CountDownLatch release) throws IOException {
        return new LoopbackServer(connection -> {
            try (connection) {
                String head = readHead(connection.getInputStream());
                if (!head.startsWith("GET /health ")) {
                    release.await();
                }
                answer(connection, 200, body);
            } catch (IOException e) {
                // the client went away
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private static void answerHttp(Socket connection, java.util.function.IntSupplier status, String body) {
        try (connection) {
            if (readHead(connection.getInputStream()) != null) {
                answer(connection, status.getAsInt(), body);
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    /** @return the request's head, or null if the client closed first */
    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.append((char) b);
        }
        return head.toString();
    }

    private static void answer(Socket connection, int status, String body) throws IOException {
        {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            OutputStream out = connection.getOutputStream();
            out.write(("HTTP/1.1 " + status + " X\r\nContent-Length: " + bytes.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
        }
    }

    /** @param value the status later requests get */
    void status(int value) {
        status = value;
    }

    Endpoint endpoint() {
        return new Endpoint("127.0.0.1", socket.getLocalPort());
    }

    /** @return connections accepted so far */
    int accepted() {
        return accepted.get();
    }

    /** @return connections open now */
    int openConnections() {
        return open.size();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
