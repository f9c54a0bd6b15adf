package io.parley.sim;

import io.parley.audio.AudioCodec;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Objects;

/**
 * One simulated caller: who it is, the codec it speaks, where parley listens for it, what it says
 * and what the network does to it.
 *
 * @param name          for reports, e.g. the extension {@code 5555}
 * @param codec         the leg's codec; the caller sends it and decodes any of {@code accepted}
 * @param payloadType   RTP payload type of what it sends (0 ulaw, 8 alaw, 10 slin)
 * @param accepted      payload types it accepts back, with their codecs
 * @param target        parley's Asterisk-facing port of the leg (gateway {@code rtp.in}, ExternalMedia {@code media})
 * @param source        what it says
 * @param impairment    what the network does to its packets
 * @param seconds       how long the run lasts at most (sizes the logs)
 * @param recordSeconds how much of what it hears to keep for a WAV file (0: none)
 */
public record CallerSettings(
        String name,
        AudioCodec codec,
        int payloadType,
        Map<Integer, AudioCodec> accepted,
        InetSocketAddress target,
        Source source,
        Impairment impairment,
        int seconds,
        int recordSeconds) {
    public CallerSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(impairment, "impairment");
        accepted = Map.copyOf(accepted);
        if (!accepted.containsKey(payloadType)) {
            throw new IllegalArgumentException(name + ": accepted payload types " + accepted.keySet()
                    + " must include the one it sends, " + payloadType);
        }
        if (seconds <= 0 || recordSeconds < 0) {
            throw new IllegalArgumentException(name + ": a run of " + seconds + " s recording " + recordSeconds
                    + " s; the run must be positive and the recording not negative");
        }
    }
}
