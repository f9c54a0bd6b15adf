package io.parley.ari;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link LegDirectory} over fixed bindings that records what the switchboard tells it, and on which thread. */
final class RecordingLegs implements LegDirectory {
    private final Map<String, LegBinding> bindings = new ConcurrentHashMap<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();

    RecordingLegs add(LegBinding binding) {
        bindings.put(binding.extension(), binding);
        return this;
    }

    @Override
    public Optional<LegBinding> find(String extension) {
        return Optional.ofNullable(bindings.get(extension));
    }

    /** Where the latest caller's media is, per extension, as the switchboard said. */
    final Map<String, Optional<InetSocketAddress>> media = new ConcurrentHashMap<>();

    @Override
    public void callerConnected(String extension, String channelId, Optional<InetSocketAddress> address) {
        threads.add(Thread.currentThread().getName());
        media.put(extension, address);
        calls.add("connected:" + extension + ":" + channelId);
    }

    @Override
    public void callerGone(String extension) {
        threads.add(Thread.currentThread().getName());
        calls.add("gone:" + extension);
    }

    long count(String prefix) {
        return calls.stream().filter(c -> c.startsWith(prefix)).count();
    }

    /** Channel id of the latest caller connected on {@code extension}. */
    String connectedChannel(String extension) {
        String prefix = "connected:" + extension + ":";
        return calls.reversed().stream()
                .filter(c -> c.startsWith(prefix))
                .findFirst()
                .map(c -> c.substring(prefix.length()))
                .orElseThrow();
    }
}
