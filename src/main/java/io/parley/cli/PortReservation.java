package io.parley.cli;

import com.sun.net.httpserver.HttpServer;
import io.parley.config.ParleyConfig;
import io.parley.config.PlannedPort;
import io.parley.config.PortPlan;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Holds the plan's TCP ports (dashboards, feeds) all or nothing until the monitor serves them.
 * Dashboard ports answer HTTP.
 */
final class PortReservation implements AutoCloseable {
    private final List<AutoCloseable> held = new ArrayList<>();

    static PortReservation bind(ParleyConfig config, java.util.function.Predicate<PlannedPort> wanted) throws IOException {
        PortReservation r = new PortReservation();
        try {
            for (PlannedPort row : PortPlan.of(config).bound()) {
                if (row.protocol() == PlannedPort.Protocol.TCP && wanted.test(row)) {
                    r.bindOne(config.bind(), row);
                }
            }
            return r;
        } catch (IOException e) {
            r.close();
            throw e;
        }
    }

    private void bindOne(String host, PlannedPort row) throws IOException {
        InetSocketAddress address = new InetSocketAddress(host, row.port());
        try {
            {
                {
                    if (row.kind() == PlannedPort.Kind.DASHBOARD) {
                        HttpServer server = HttpServer.create(address, 16);
                        server.createContext("/", exchange -> {
                            byte[] body = ("parley " + row.bridge() + "\n").getBytes(StandardCharsets.UTF_8);
                            exchange.sendResponseHeaders(200, body.length);
                            exchange.getResponseBody().write(body);
                            exchange.close();
                        });
                        server.start();
                        held.add(() -> server.stop(0));
                    } else {
                        ServerSocketChannel channel = ServerSocketChannel.open();
                        held.add(channel);
                        channel.bind(address);
                    }
                }
            }
        } catch (IOException e) {
            throw PortInUse.of(row, e);
        }
    }

    @Override
    public void close() {
        for (AutoCloseable c : held.reversed()) {
            try {
                c.close();
            } catch (Exception e) {
                // closing is best effort; the process is going away or start-up already failed
            }
        }
        held.clear();
    }
}
