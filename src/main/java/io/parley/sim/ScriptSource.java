package io.parley.sim;

import java.util.List;

/**
 * A caller's side of a scripted conversation: each line of speech starts at its own time, with
 * silence in between and after the last. Bursts are not marked, so latency is not measured from it.
 */
public final class ScriptSource implements Source {
    /** One line of the script: speech (at the caller's rate) starting {@code atMillis} after the call starts. */
    public record Line(long atMillis, short[] speech) {}

    private final short[] track;
    private final String name;
    private int position;

    public ScriptSource(List<Line> lines, int sampleRate, String name) {
        int length = 0;
        for (Line l : lines) {
            length = (int) Math.max(length, l.atMillis() * sampleRate / 1000 + l.speech().length);
        }
        this.track = new short[length];
        for (Line l : lines) {
            System.arraycopy(l.speech(), 0, track, (int) (l.atMillis() * sampleRate / 1000), l.speech().length);
        }
        this.name = name;
    }

    @Override
    public boolean next(short[] frame, int count) {
        for (int i = 0; i < count; i++) {
            frame[i] = position < track.length ? track[position++] : 0;
        }
        return false;
    }

    /** Whether every line has been said. */
    public boolean finished() {
        return position >= track.length;
    }

    public int lengthMillis(int sampleRate) {
        return (int) (track.length * 1000L / sampleRate);
    }

    @Override
    public String describe() {
        return name;
    }
}
