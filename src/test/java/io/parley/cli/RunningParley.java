package io.parley.cli;

import io.parley.bridge.BridgeHost;
import io.parley.bridge.Role;
import io.parley.config.ParleyConfig;
import io.parley.event.EventBus;
import io.parley.history.CallArchive;
import io.parley.history.History;
import java.io.IOException;
import java.util.Optional;

/**
 * parley's whole runtime ({@code parley run}: bridges, monitor, transcript log, ARI) in the test's
 * process, for tests outside this package. Closing it releases every port, as stopping parley does.
 */
public final class RunningParley implements AutoCloseable {
    private final ParleyRuntime runtime;

    private RunningParley(ParleyRuntime runtime) {
        this.runtime = runtime;
    }

    /** Starts everything {@code config} plans, on a bus the caller made (subscribe before the first event). */
    public static RunningParley start(ParleyConfig config, EventBus bus) throws IOException {
        return new RunningParley(ParleyRuntime.start(config, new Role.All(), bus));
    }

    public EventBus bus() {
        return runtime.bus();
    }

    public BridgeHost bridges() {
        return runtime.bridges();
    }

    /** The calls this process keeps, when its configuration keeps a history. */
    public Optional<CallArchive> history() {
        return Optional.ofNullable(runtime.history()).map(History::archive);
    }

    @Override
    public void close() {
        runtime.close();
    }
}
