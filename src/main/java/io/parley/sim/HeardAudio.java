package io.parley.sim;

import io.parley.audio.LevelMeter;
import io.parley.audio.Tone;
import io.parley.audio.ToneDetector;
import java.util.Arrays;
import java.util.Optional;

/**
 * What a simulated caller heard: frames counted, tone-burst onsets timed at the socket, a window
 * of tone kept for frequency detection, and optionally every sample (to write a WAV file).
 *
 * <p>A frame is loud when at least about half of it holds a tone at {@link ToneBursts#LEVEL_DBFS};
 * an onset is a loud frame after at least {@link #MIN_QUIET_FRAMES} quiet ones, so a concealed
 * frame inside a burst is not taken for a new burst. The tone window is filled from the loud
 * frames of one burst (its first frame, which may hold its rising edge, is skipped); the latest
 * complete window is kept.
 *
 * <p>Threading contract: {@link #accept} runs on one reactor thread and allocates nothing; the
 * counters may be read from anywhere; {@link #tone()} and {@link #recording()} after the caller
 * stopped listening.
 */
public final class HeardAudio {
    /** RMS of a frame half filled with the tone (peak -10 dBFS is -13 dBFS RMS; half the power is 3 dB less). */
    public static final double LOUD_DBFS = ToneBursts.LEVEL_DBFS - 3 - 3;

    static final int MIN_QUIET_FRAMES = 3;

    private final int sampleRate;
    private final OnsetLog onsets;
    private final short[][] windows;
    private final short[] recording;
    private int filling;
    private int filled;
    private int burstFrames;
    private int quietFrames = MIN_QUIET_FRAMES;
    private int recorded;
    private volatile int completeWindow = -1;
    private volatile long frames;
    private volatile long samples;
    private volatile long loudFrames;

    /**
     * @param windowMillis  length of the window analysed for the tone's frequency
     * @param recordSeconds samples kept for a WAV file; 0 keeps none (the load command)
     */
    /** A pause between packets longer than this is kept in the recording as silence. */
    private static final long GAP_NANOS = 30_000_000L;

    private volatile long lastArrivalNanos;

    public HeardAudio(int sampleRate, OnsetLog onsets, int windowMillis, int recordSeconds) {
        this.sampleRate = sampleRate;
        this.onsets = onsets;
        this.windows = new short[2][sampleRate * windowMillis / 1000];
        this.recording = new short[sampleRate * recordSeconds];
    }

    /** One received frame of {@code n} decoded samples that arrived at {@code arrivalNanos}. */
    public void accept(short[] decoded, int n, long arrivalNanos) {
        frames++;
        samples += n;
        if (lastArrivalNanos != 0 && arrivalNanos - lastArrivalNanos > GAP_NANOS) {
            // parley sent nothing for a while (silence): the recording keeps the time it lasted
            long silent = (arrivalNanos - lastArrivalNanos - 20_000_000L) * sampleRate / 1_000_000_000L;
            recorded += (int) Math.min(silent, recording.length - recorded);
        }
        lastArrivalNanos = arrivalNanos;
        int keep = Math.min(n, recording.length - recorded);
        if (keep > 0) {
            System.arraycopy(decoded, 0, recording, recorded, keep);
            recorded += keep;
        }
        if (LevelMeter.rmsDbfs(decoded, 0, n) < LOUD_DBFS) {
            quietFrames++;
            burstFrames = 0;
            filled = 0;
            return;
        }
        loudFrames++;
        if (quietFrames >= MIN_QUIET_FRAMES) {
            onsets.add(arrivalNanos, true);
        }
        quietFrames = 0;
        if (burstFrames++ > 0) {
            collect(decoded, n);
        }
    }

    private void collect(short[] decoded, int n) {
        short[] window = windows[filling];
        int take = Math.min(n, window.length - filled);
        System.arraycopy(decoded, 0, window, filled, take);
        filled += take;
        if (filled == window.length) {
            completeWindow = filling;
            filling ^= 1;
            filled = 0;
        }
    }

    /** When the latest frame arrived (the receiving reactor's clock), 0 before any. */
    public long lastArrivalNanos() {
        return lastArrivalNanos;
    }

    public long frames() {
        return frames;
    }

    public long samples() {
        return samples;
    }

    public long loudFrames() {
        return loudFrames;
    }

    public OnsetLog onsets() {
        return onsets;
    }

    public int sampleRate() {
        return sampleRate;
    }

    /** The dominant tone of the latest complete window of loud audio, if a tone is there. Allocates; costs milliseconds. */
    public Optional<Tone> tone() {
        int w = completeWindow;
        if (w < 0) {
            return Optional.empty();
        }
        return new ToneDetector(sampleRate).detect(windows[w], 0, windows[w].length);
    }

    /** A copy of the samples kept, in arrival order. */
    public short[] recording() {
        return Arrays.copyOf(recording, recorded);
    }
}
