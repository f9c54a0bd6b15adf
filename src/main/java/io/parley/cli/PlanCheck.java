package io.parley.cli;

import io.parley.config.ParleyConfig;
import io.parley.config.PlannedPort;
import io.parley.config.PortPlan;
import io.parley.host.PortHolder;
import io.parley.host.SocketTable;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What {@code parley check} finds for each planned port, as {@code ss -lnp} and {@code curl -I} would. */
final class PlanCheck {

    enum State {
        PARLEY,
        FREE,
        FOREIGN
    }

    /** One planned port: who holds it and, for an HTTP port, whether it answers. */
    record Finding(PlannedPort row, State state, Optional<PortHolder> holder, Optional<String> http, boolean httpOk) {
        boolean ok() {
            return state == State.PARLEY && (http.isEmpty() || httpOk);
        }
    }

    private final ParleyConfig config;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    PlanCheck(ParleyConfig config) {
        this.config = config;
    }

    List<Finding> run() {
        SocketTable sockets = SocketTable.read();
        List<Finding> findings = new ArrayList<>();
        for (PlannedPort row : PortPlan.of(config).bound()) {
            String protocol = row.protocol().name().toLowerCase();
            Optional<PortHolder> holder = sockets.holderOf(protocol, row.port());
            State state =
                    holder.map(h -> h.isParley() ? State.PARLEY : State.FOREIGN).orElse(State.FREE);
            Optional<String> answer = Optional.empty();
            boolean answered = false;
            if (row.kind() == PlannedPort.Kind.DASHBOARD) {
                String host = config.bind().contains(":") ? "[" + config.bind() + "]" : config.bind();
                try {
                    HttpResponse<Void> r = http.send(
                            HttpRequest.newBuilder(URI.create("http://" + host + ":" + row.port() + "/"))
                                    .timeout(Duration.ofSeconds(2))
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
                    answer = Optional.of("HTTP " + r.statusCode());
                    answered = true;
                } catch (IOException e) {
                    answer = Optional.of("no HTTP answer (" + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    answer = Optional.of("interrupted");
                }
            }
            findings.add(new Finding(row, state, holder, answer, answered));
        }
        return findings;
    }

    /** 0 when parley holds every port and each HTTP port answers, 2 when a foreign process holds one, else 1. */
    static int exitCode(List<Finding> findings) {
        if (findings.stream().anyMatch(f -> f.state() == State.FOREIGN)) {
            return ExitCodes.INVALID;
        }
        return findings.stream().allMatch(Finding::ok) ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
