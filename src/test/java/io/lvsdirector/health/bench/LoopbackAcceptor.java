package io.lvsdirector.health.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * The benchmark's backends, run as a separate process so that their CPU is not counted as the
 * checker's: one listener on 0.0.0.0 (so on all of 127.0.0.0/8) per port. Mode {@code tcp} accepts
 * and closes; mode {@code http} reads a request head, answers 200 and closes.
 * Args: first port, port count, mode. Runs until stdin closes (the benchmark ends it); each line read on stdin is
 * answered with the number of connections accepted so far, so that a checker that counts nothing itself (such as
 * keepalived's) can be measured by its connections.
 */
public final class LoopbackAcceptor {

    private static final byte[] RESPONSE = ("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nConnection: close\r\n\r\nok\n")
            .getBytes(StandardCharsets.US_ASCII);

    private static final java.util.concurrent.atomic.LongAdder ACCEPTED = new java.util.concurrent.atomic.LongAdder();

    private LoopbackAcceptor() {
    }

    public static void main(String[] args) throws IOException {
        int firstPort = Integer.parseInt(args[0]);
        int count = Integer.parseInt(args[1]);
        boolean http = args.length > 2 && args[2].equals("http");
        // Several selector threads: on a busy machine one thread's fair share of CPU would be the limit.
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        Selector[] selectors = new Selector[threads];
        for (int t = 0; t < threads; t++) {
            selectors[t] = Selector.open();
        }
        for (int i = 0; i < count; i++) {
            ServerSocketChannel server = ServerSocketChannel.open();
            server.bind(new InetSocketAddress("0.0.0.0", firstPort + i), 4096);
            server.configureBlocking(false);
            server.register(selectors[i % threads], SelectionKey.OP_ACCEPT);
        }
        for (Selector selector : selectors) {
            Thread serving = new Thread(() -> serve(selector, http), "acceptor");
            serving.setDaemon(true);
            serving.start();
        }
        System.out.println("ready");
        System.out.flush();
        int c;
        while ((c = System.in.read()) >= 0) {   // runs until the parent closes our stdin (or dies)
            if (c == '\n') {
                System.out.println(ACCEPTED.sum());
                System.out.flush();
            }
        }
        System.exit(0);
    }

    private static void serve(Selector selector, boolean http) {
        try {
            while (true) {
                selector.select();
                for (SelectionKey key : selector.selectedKeys()) {
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isAcceptable()) {
                        SocketChannel client;
                        while ((client = ((ServerSocketChannel) key.channel()).accept()) != null) {
                            ACCEPTED.increment();
                            if (http) {
                                client.configureBlocking(false);
                                client.register(selector, SelectionKey.OP_READ, ByteBuffer.allocate(1024));
                            } else {
                                client.close();
                            }
                        }
                    } else if (key.isReadable()) {
                        answerHttp(key);
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    /** Answers once the request head is in; the response fits any socket buffer, so one write does. */
    private static void answerHttp(SelectionKey key) throws IOException {
        SocketChannel client = (SocketChannel) key.channel();
        ByteBuffer buffer = (ByteBuffer) key.attachment();
        int n;
        try {
            n = client.read(buffer);
        } catch (IOException e) {
            client.close();
            return;
        }
        String head = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII);
        if (n < 0 || head.contains("\r\n\r\n") || !buffer.hasRemaining()) {
            if (n >= 0) {
                try {
                    client.write(ByteBuffer.wrap(RESPONSE));
                } catch (IOException e) {
                    // the checker gave up on this one
                }
            }
            client.close();
        }
    }
}
