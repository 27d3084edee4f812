package com.fleetdesk.base;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * This server's name among the nodes sharing one database, the same across its restarts:
 * {@code fleetdesk.node-name}, or else the host name and HTTP port (two nodes on one host differ by
 * port). A restarted node can then tell work it left behind from another live node's work. None
 * when the host has no usable name or the port is chosen at random (0) and no name is configured.
 */
@Component
public class NodeName {

    private final Optional<String> stable;

    public NodeName(@Value("${fleetdesk.node-name:}") String configured, @Value("${server.port:8080}") int serverPort) {
        String host = hostName();
        if (!configured.isBlank()) {
            stable = Optional.of(configured.strip());
        } else if (host != null && serverPort > 0) {
            stable = Optional.of(host + "-" + serverPort);
        } else {
            stable = Optional.empty();
        }
    }

    public Optional<String> stable() {
        return stable;
    }

    /** The machine's host name in characters safe for identifiers, or null when it has none but "localhost". */
    public static String hostName() {
        try {
            String name = java.net.InetAddress.getLocalHost().getHostName();
            return name == null || name.isBlank() || name.equals("localhost") ? null : name.replaceAll("[^A-Za-z0-9._-]", "_");
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
