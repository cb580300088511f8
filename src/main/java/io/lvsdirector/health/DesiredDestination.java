package io.lvsdirector.health;

/**
 * One destination a virtual service should have in the kernel. {@code realServer} is the real
 * server's name, or null for the sorry server.
 */
public record DesiredDestination(String realServer, String address, int port, int weight) {

    public boolean isSorryServer() {
        return realServer == null;
    }
}
