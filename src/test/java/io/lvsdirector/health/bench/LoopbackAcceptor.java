package io.lvsdirector.health.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * The benchmark's backends, run as a separate process so that their CPU is not counted as the
 * checker's: one listener on 127.0.0.1/8 (all of it is loopback) per port, accepting and closing.
 * Args: first port, port count. Runs until stdin closes (the benchmark ends it).
 */
public final class LoopbackAcceptor {

    private LoopbackAcceptor() {
    }

    public static void main(String[] args) throws IOException {
        int firstPort = Integer.parseInt(args[0]);
        int count = Integer.parseInt(args[1]);
        Selector selector = Selector.open();
        for (int i = 0; i < count; i++) {
            ServerSocketChannel server = ServerSocketChannel.open();
            server.bind(new InetSocketAddress("0.0.0.0", firstPort + i), 4096);
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
        }
        Thread watchdog = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // wait for the parent to close our stdin (or die)
                }
            } catch (IOException ignored) {
                // parent gone
            }
            System.exit(0);
        });
        watchdog.setDaemon(true);
        watchdog.start();
        System.out.println("ready");
        System.out.flush();
        while (true) {
            selector.select();
            for (SelectionKey key : selector.selectedKeys()) {
                SocketChannel client;
                while ((client = ((ServerSocketChannel) key.channel()).accept()) != null) {
                    client.close();
                }
            }
            selector.selectedKeys().clear();
        }
    }
}
