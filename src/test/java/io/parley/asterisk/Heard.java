package io.parley.asterisk;

import io.parley.audio.AudioClip;
import io.parley.audio.LevelMeter;
import io.parley.audio.ToneDetector;
import java.util.ArrayList;
import java.util.List;

/**
 * What a caller heard, as Asterisk recorded it (8 kHz), cut into 20 ms frames: which frames carry a
 * tone, where the sounds are.
 */
record Heard(short[] samples, int rate) {
    static final int FRAME_MILLIS = 20;

    /** A stretch of sound, in frames. */
    record Sound(int first, int last) {
        int frames() {
            return last - first + 1;
        }

        int startMillis() {
            return first * FRAME_MILLIS;
        }

        int endMillis() {
            return (last + 1) * FRAME_MILLIS;
        }
    }

    static Heard of(AudioClip clip) {
        return new Heard(clip.samples(), clip.sampleRate());
    }

    int frameSamples() {
        return rate * FRAME_MILLIS / 1000;
    }

    int frames() {
        return samples.length / frameSamples();
    }

    double seconds() {
        return (double) samples.length / rate;
    }

    /**
     * Whether frame {@code frame} carries every one of {@code hz}, each component at least -30 dBFS
     * (measured over 100 ms around the frame, which tells 440 from 480 Hz).
     */
    boolean has(int frame, double... hz) {
        int window = rate / 10;
        int center = frame * frameSamples() + frameSamples() / 2;
        int from = Math.max(0, Math.min(samples.length - window, center - window / 2));
        if (samples.length < window) {
            return false;
        }
        for (double f : hz) {
            if (ToneDetector.amplitude(samples, from, window, rate, f) < 32767 * Math.pow(10, -30 / 20.0)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The peak amplitude of the {@code hz} component, in dBFS, over the middle of the stretch where it
     * is heard (the median of its frames' 100 ms windows); -100 when it is never heard.
     */
    double toneDbfs(double hz) {
        int first = firstFrameWith(hz);
        int last = lastFrameWith(hz);
        if (first < 0 || last - first < 10) {
            return -100;
        }
        int window = rate / 10;
        List<Double> levels = new ArrayList<>();
        for (int f = first + 5; f <= last - 5; f++) {
            int from = f * frameSamples() + frameSamples() / 2 - window / 2;
            levels.add(20 * Math.log10(ToneDetector.amplitude(samples, from, window, rate, hz) / 32767.0));
        }
        levels.sort(null);
        return levels.get(levels.size() / 2);
    }

    /** Frames that carry every one of {@code hz}. */
    int framesWith(double... hz) {
        int n = 0;
        for (int f = 0; f < frames(); f++) {
            if (has(f, hz)) {
                n++;
            }
        }
        return n;
    }

    int firstFrameWith(double... hz) {
        for (int f = 0; f < frames(); f++) {
            if (has(f, hz)) {
                return f;
            }
        }
        return -1;
    }

    int lastFrameWith(double... hz) {
        for (int f = frames() - 1; f >= 0; f--) {
            if (has(f, hz)) {
                return f;
            }
        }
        return -1;
    }

    /** Frames between {@code from} and {@code to} (inclusive) that carry every one of {@code hz}. */
    int framesWith(int from, int to, double... hz) {
        int n = 0;
        for (int f = Math.max(0, from); f <= Math.min(to, frames() - 1); f++) {
            if (has(f, hz)) {
                n++;
            }
        }
        return n;
    }

    /** RMS level of frame {@code frame}. */
    double level(int frame) {
        return LevelMeter.rmsDbfs(samples, frame * frameSamples(), frameSamples());
    }

    /**
     * The sounds: runs of frames louder than {@code dbfs}, joined across pauses shorter than
     * {@code joinMillis} (the pauses inside a sentence).
     */
    List<Sound> sounds(double dbfs, int joinMillis) {
        List<Sound> out = new ArrayList<>();
        int join = joinMillis / FRAME_MILLIS;
        int start = -1;
        int last = -1;
        for (int f = 0; f < frames(); f++) {
            if (level(f) > dbfs) {
                if (start >= 0 && f - last > join) {
                    out.add(new Sound(start, last));
                    start = -1;
                }
                if (start < 0) {
                    start = f;
                }
                last = f;
            }
        }
        if (start >= 0) {
            out.add(new Sound(start, last));
        }
        return out;
    }

    /** A picture of the recording (one character per frame) for failure messages. */
    String picture() {
        StringBuilder sb = new StringBuilder();
        for (int f = 0; f < frames(); f++) {
            double db = level(f);
            sb.append(db > -35 ? '#' : db > -50 ? '+' : '.');
            if (f % 50 == 49) {
                sb.append('\n');
            }
        }
        return sb.toString();
    }
}
