package io.parley.history;

import io.parley.config.BridgeConfig;
import io.parley.config.LegConfig;
import io.parley.event.BridgeState;
import io.parley.event.CallEvent;
import io.parley.event.EngineFault;
import io.parley.event.LegStats;
import io.parley.event.ParleyEvent;
import io.parley.event.UtteranceEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Builds call records from the event bus and emits them as writes.
 *
 * <p>A bridge's call starts when its first caller arrives (a {@link CallEvent} from signalling, or
 * the bridge leaving {@code idle} when its media arrives) and ends when the last caller leaves
 * (every signalled caller gone, or the bridge back to {@code idle}). Without signalling the
 * bridge notices the end only some seconds after the last packet, so the call's end is taken from
 * the legs' last packets instead. Utterances belong to the call that was open when they were
 * first seen (and keep belonging to it while they finish playing after it ended).
 *
 * <p>Rows are written when something changes, and each open call's row and changed legs once a
 * {@link #FLUSH_MILLIS} (each call at its own phase, so that many calls do not write at once),
 * so that a crash loses at most about a second. Single-threaded.
 */
final class CallTracker {
    static final long FLUSH_MILLIS = 1_000;
    /** An utterance first seen this long after its bridge's call ended belongs to no call. */
    static final long LATE_UTTERANCE_MILLIS = 30_000;

    private static final int UTTERANCES_REMEMBERED = 4096;

    private final String node;
    private final Map<String, BridgeConfig> bridges = new HashMap<>();
    private final Consumer<Write> out;
    private final CallListener listener;
    private final Map<String, OpenCall> open = new LinkedHashMap<>();
    private final Map<String, EndedCall> ended = new HashMap<>();
    private final Map<String, Baseline> baselines = new HashMap<>();
    private final Map<String, String> utteranceCalls = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > UTTERANCES_REMEMBERED;
        }
    };

    private record EndedCall(String id, long at) {}

    /** A leg's samples: the latest, and the latest taken while no media arrived (a call's starting point). */
    private static final class Baseline {
        LegStats previous;
        LegStats quiet;
    }

    private static final class OpenCall {
        final String id;
        final String bridge;
        final String mode;
        final long startedAt;
        Long answeredAt;
        String endedBy;
        String endReason;
        /** When the call's rows are next rewritten; each call has its own phase, so that the writes spread out. */
        long nextFlush;

        final Map<String, LegProgress> legs = new LinkedHashMap<>();

        OpenCall(String id, String bridge, String mode, long startedAt) {
            this.id = id;
            this.bridge = bridge;
            this.mode = mode;
            this.startedAt = startedAt;
            this.nextFlush = startedAt + Math.floorMod(id.hashCode(), FLUSH_MILLIS);
        }
    }

    CallTracker(String node, List<BridgeConfig> bridges, Consumer<Write> out, CallListener listener) {
        this.node = node;
        bridges.forEach(b -> this.bridges.put(b.name(), b));
        this.out = out;
        this.listener = listener;
    }

    void apply(ParleyEvent event) {
        switch (event) {
            case BridgeState s -> apply(s);
            case CallEvent c -> apply(c);
            case LegStats s -> apply(s);
            case UtteranceEvent u -> apply(u);
            case EngineFault f -> apply(f);
            default -> {}
        }
    }

    private void apply(BridgeState s) {
        OpenCall call = open.get(s.bridge());
        if (s.state() == BridgeState.State.IDLE) {
            if (call != null) {
                end(call, s.at());
            }
            return;
        }
        if (call == null) {
            call = start(s.bridge(), s.mode(), s.at());
        }
        if (call.answeredAt == null
                && (s.state() == BridgeState.State.CONNECTED || s.state() == BridgeState.State.TRANSLATING)) {
            call.answeredAt = s.at();
            out.accept(row(call, s.at(), null, s.at()));
        }
    }

    private void apply(CallEvent c) {
        if (c.bridge() == null || c.bridge().isEmpty()) {
            return;
        }
        OpenCall call = open.get(c.bridge());
        switch (c.kind()) {
            case STARTED -> {
                if (call == null) {
                    call = start(c.bridge(), null, c.at());
                }
                LegProgress leg = leg(call, c.leg());
                leg.signalled = true;
                leg.channelId = text(c.channelId());
                leg.joinedAt = c.at();
                leg.leftAt = null;
                leg.leftReason = null;
                out.accept(leg.row(call.id));
                leg.dirty = false;
            }
            case ENDED -> {
                if (call == null) {
                    return;
                }
                LegProgress leg = leg(call, c.leg());
                leg.signalled = true;
                leg.leftAt = c.at();
                leg.leftReason = text(c.detail());
                if (call.endedBy == null) {
                    call.endedBy = c.leg();
                    call.endReason = text(c.detail());
                }
                out.accept(leg.row(call.id));
                leg.dirty = false;
                boolean anyoneLeft = call.legs.values().stream().anyMatch(l -> l.joinedAt != null && l.leftAt == null);
                if (!anyoneLeft) {
                    end(call, c.at());
                }
            }
            case REFUSED -> {
                if (call != null) {
                    out.accept(new FaultRow(
                            call.id,
                            c.at(),
                            "call",
                            "",
                            "a caller on " + c.leg() + " was refused: " + text(c.detail()),
                            false));
                }
            }
        }
    }

    private void apply(LegStats s) {
        Baseline b = baselines.computeIfAbsent(s.bridge() + "/" + s.leg(), k -> new Baseline());
        if (b.previous != null && s.in().packets() == b.previous.in().packets()) {
            b.quiet = s;
        } else if (b.previous != null && s.in().packets() < b.previous.in().packets()) {
            b.quiet = null; // the leg's counters restarted
        }
        b.previous = s;
        OpenCall call = open.get(s.bridge());
        if (call != null) {
            leg(call, s.leg()).apply(s);
        }
    }

    private void apply(UtteranceEvent u) {
        if (u.stage() == UtteranceEvent.Stage.PARTIAL) {
            return;
        }
        String key = u.bridge() + "#" + u.id();
        String callId = utteranceCalls.get(key);
        if (callId == null) {
            OpenCall call = open.get(u.bridge());
            EndedCall last = ended.get(u.bridge());
            if (call != null) {
                callId = call.id;
            } else if (last != null && u.at() - last.at() <= LATE_UTTERANCE_MILLIS) {
                callId = last.id();
            } else {
                return;
            }
            utteranceCalls.put(key, callId);
        }
        String[] ends = text(u.direction()).split("->", 2);
        UtteranceEvent.Times times = u.times() == null ? UtteranceEvent.Times.NONE : u.times();
        out.accept(new UtteranceRow(
                callId,
                u.id(),
                text(u.direction()),
                ends[0],
                ends.length > 1 ? ends[1] : "",
                text(u.fromLanguage()),
                text(u.toLanguage()),
                u.stage().name().toLowerCase(Locale.ROOT),
                text(u.finalText()),
                text(u.translation()),
                text(u.note()),
                times));
    }

    private void apply(EngineFault f) {
        // A process-wide engine (no bridge) failed: every call going on may have felt it.
        for (OpenCall call : open.values()) {
            if (f.bridge() == null || f.bridge().isEmpty() || f.bridge().equals(call.bridge)) {
                out.accept(new FaultRow(
                        call.id, f.at(), text(f.stage()), text(f.engine()), text(f.message()), f.restarted()));
            }
        }
    }

    /** Writes each open call's row and its changed legs, once every {@link #FLUSH_MILLIS} of the call. */
    void tick(long now) {
        for (OpenCall call : open.values()) {
            if (now < call.nextFlush) {
                continue;
            }
            call.nextFlush = Math.max(call.nextFlush + FLUSH_MILLIS, now - FLUSH_MILLIS + 1);
            out.accept(row(call, now, null, now));
            for (LegProgress leg : call.legs.values()) {
                if (leg.dirty) {
                    out.accept(leg.row(call.id));
                    leg.dirty = false;
                }
            }
        }
    }

    /** Ends every open call: parley is stopping. */
    void endAll(long now, String reason) {
        for (OpenCall call : new ArrayList<>(open.values())) {
            if (call.endedBy == null) {
                call.endedBy = "parley";
                call.endReason = reason;
            }
            end(call, now);
        }
    }

    private OpenCall start(String bridge, String mode, long at) {
        BridgeConfig config = bridges.get(bridge);
        String m = config != null ? config.mode().key() : mode == null ? "" : mode;
        OpenCall call = new OpenCall(UUID.randomUUID().toString(), bridge, m, at);
        open.put(bridge, call);
        if (config != null) {
            for (LegConfig l : config.legs()) {
                leg(call, l.extension());
            }
        }
        out.accept(row(call, at, null, at));
        for (LegProgress leg : call.legs.values()) {
            out.accept(leg.row(call.id));
            leg.dirty = false;
        }
        listener.started(bridge, call.id, at);
        return call;
    }

    private void end(OpenCall call, long at) {
        open.remove(call.bridge);
        long endedAt = at;
        boolean signalled = call.legs.values().stream().anyMatch(l -> l.signalled);
        if (!signalled) {
            // The bridge noticed the silence seconds after the last packet: the call ended with its media.
            LegProgress first = null;
            long last = 0;
            for (LegProgress leg : call.legs.values()) {
                if (leg.lastPacketAt != null) {
                    leg.leftAt = leg.lastPacketAt;
                    leg.leftReason = leg.leftReason == null ? "media stopped" : leg.leftReason;
                    last = Math.max(last, leg.lastPacketAt);
                    if (first == null || leg.lastPacketAt < first.lastPacketAt) {
                        first = leg;
                    }
                }
            }
            if (last >= call.startedAt && last > 0) {
                endedAt = last;
            }
            if (call.endedBy == null) {
                call.endedBy = first == null ? "" : first.extension;
                call.endReason = "media stopped";
            }
        }
        for (LegProgress leg : call.legs.values()) {
            if (leg.joinedAt != null && leg.leftAt == null) {
                leg.leftAt = endedAt;
            }
            out.accept(leg.row(call.id));
            LegStats latest = leg.latest();
            if (latest != null) {
                baselines.computeIfAbsent(call.bridge + "/" + leg.extension, k -> new Baseline()).quiet = latest;
            }
        }
        out.accept(row(call, at, endedAt, at));
        ended.put(call.bridge, new EndedCall(call.id, at));
        listener.ended(call.bridge, call.id, endedAt);
    }

    private CallRow row(OpenCall call, long now, Long endedAt, long updatedAt) {
        return new CallRow(
                call.id,
                node,
                call.bridge,
                call.mode,
                call.startedAt,
                call.answeredAt,
                endedAt,
                endedAt == null ? null : Math.max(0, endedAt - call.startedAt),
                endedAt == null ? null : call.endedBy,
                endedAt == null ? null : call.endReason,
                Math.max(updatedAt, now));
    }

    private LegProgress leg(OpenCall call, String extension) {
        return call.legs.computeIfAbsent(extension, e -> {
            BridgeConfig config = bridges.get(call.bridge);
            LegConfig leg = config == null
                    ? null
                    : config.legs().stream()
                            .filter(l -> l.extension().equals(e))
                            .findFirst()
                            .orElse(null);
            Baseline b = baselines.get(call.bridge + "/" + e);
            return new LegProgress(
                    e,
                    leg == null ? "" : leg.language(),
                    leg == null ? "" : leg.codec().asteriskName(),
                    b == null ? null : b.quiet);
        });
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }
}
