package io.parley.rtp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Drives a {@link JitterBuffer} in virtual time: packets arrive at given nanos, and a 20 ms clock
 * polls. Each packet's payload is filled with its sequence number's low byte so that what comes
 * out can be checked against what went in.
 */
final class VirtualStream {
    static final long MS = 1_000_000L;

    record Arrival(long atNanos, int seq, long timestamp, int ssrc, boolean marker, int length) {}

    record Played(
            long atNanos,
            PollResult result,
            int seq,
            long timestamp,
            int samples,
            int length,
            boolean talkSpurtStart) {}

    private final JitterBuffer buffer;
    private final PlayoutFrame frame;
    private final RtpPacket packet = new RtpPacket();
    private final byte[] payload = new byte[2048];
    private final List<Arrival> arrivals = new ArrayList<>();
    final List<InsertResult> inserted = new ArrayList<>();
    int ssrc = 0x5EED;

    VirtualStream(JitterBuffer buffer) {
        this.buffer = buffer;
        this.frame = buffer.newFrame();
    }

    /** Queues a packet of {@code length} bytes arriving at {@code atMs}. */
    VirtualStream arrive(double atMs, int seq, long timestamp, int length, boolean marker) {
        arrivals.add(new Arrival((long) (atMs * MS), seq & 0xFFFF, timestamp, ssrc, marker, length));
        return this;
    }

    /** A 20 ms G.711 packet: timestamp 160 per sequence step from {@code firstTs}. */
    VirtualStream arrive(double atMs, int seq) {
        return arrive(atMs, seq, 160L * seq, 160, false);
    }

    /** Inserts one packet now, outside the clocked run. */
    InsertResult insertNow(double atMs, int seq, long timestamp, int length, int ssrc, boolean marker) {
        Arrays.fill(payload, 0, length, (byte) seq);
        packet.setSsrc(ssrc)
                .setSequenceNumber(seq & 0xFFFF)
                .setTimestamp(timestamp)
                .setMarker(marker)
                .setPayloadType(0)
                .setPayload(payload, 0, length);
        return buffer.insert(packet, (long) (atMs * MS));
    }

    /**
     * Runs the clock from {@code fromMs} to {@code toMs} (exclusive) in 20 ms ticks; before each
     * poll, every queued packet that has arrived by then is inserted, in arrival order.
     */
    List<Played> run(double fromMs, double toMs) {
        arrivals.sort(Comparator.comparingLong(Arrival::atNanos));
        List<Played> out = new ArrayList<>();
        int next = 0;
        for (long now = (long) (fromMs * MS); now < (long) (toMs * MS); now += 20 * MS) {
            while (next < arrivals.size() && arrivals.get(next).atNanos() <= now) {
                Arrival a = arrivals.get(next++);
                inserted.add(
                        insertNow(a.atNanos() / (double) MS, a.seq(), a.timestamp(), a.length(), a.ssrc(), a.marker()));
            }
            out.add(poll(now));
        }
        arrivals.subList(0, next).clear();
        return out;
    }

    Played poll(long nowNanos) {
        PollResult result = buffer.poll(nowNanos, frame);
        if (result == PollResult.PACKET) {
            for (int i = 0; i < frame.length(); i++) {
                if (frame.payload()[i] != (byte) frame.sequenceNumber()) {
                    throw new AssertionError("payload of seq " + frame.sequenceNumber() + " is corrupt at byte " + i);
                }
            }
        }
        return new Played(
                nowNanos,
                result,
                frame.sequenceNumber(),
                frame.timestamp(),
                frame.samples(),
                frame.length(),
                frame.talkSpurtStart());
    }

    static List<Integer> playedSequence(List<Played> played) {
        return played.stream()
                .filter(p -> p.result() == PollResult.PACKET)
                .map(Played::seq)
                .toList();
    }

    static long count(List<Played> played, PollResult result) {
        return played.stream().filter(p -> p.result() == result).count();
    }
}
