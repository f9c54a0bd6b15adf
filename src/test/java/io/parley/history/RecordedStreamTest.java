package io.parley.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.audio.AudioClip;
import io.parley.audio.WavFile;
import io.parley.config.HistorySettings;
import io.parley.leg.Frames;
import io.parley.media.VirtualTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One recorded stream on the recorder's thread: pre-roll, silence where nothing came, the cut at the call's end. */
class RecordedStreamTest {
    private static final long FRAME = 20_000_000L;
    private static final long WALL = 1_800_000_000_000L;

    @TempDir
    Path dir;

    private final List<Write> rows = new ArrayList<>();
    private final Map<String, Long> ends = new HashMap<>();

    private static short[] tone() {
        short[] f = new short[Frames.SAMPLES];
        for (int i = 0; i < f.length; i++) {
            f[i] = (short) (8000 * Math.sin(2 * Math.PI * 1000 * i / Frames.RATE));
        }
        return f;
    }

    @Test
    void aCallsFileHoldsItsPrerollItsFramesAndTheSilenceBetweenCutAtItsEnd() throws Exception {
        long t = 1_000_000_000L;
        VirtualTime time = new VirtualTime(t);
        FrameRing ring = new FrameRing(256, time);
        RecordedStream stream = new RecordedStream("b", "3333", "said", ring, dir, ends);
        // Half a second before the call is known to have started: kept as pre-roll.
        talk(ring, time, t, 0, 25);
        stream.pump(null, rows::add, WALL, t + 25 * FRAME);
        assertThat(rows).isEmpty();

        Recorder.Active call = new Recorder.Active("call-1", WALL);
        stream.pump(call, rows::add, WALL + 500, t + 25 * FRAME);
        RecordingRow opened = (RecordingRow) rows.getFirst();
        assertThat(opened.callId()).isEqualTo("call-1");
        assertThat(opened.path()).endsWith("/call-1-3333-said.wav");
        assertThat(opened.durationMillis()).isZero();

        assertThat(opened.startedAt()).as("dated by its first frame").isEqualTo(WALL);

        // One more second of tone, a second in which the leg sent nothing, then two seconds of tone.
        talk(ring, time, t, 25, 50);
        stream.pump(call, rows::add, WALL + 1500, t + 75 * FRAME);
        stream.pump(call, rows::add, WALL + 2500, t + 125 * FRAME);
        talk(ring, time, t, 125, 100);
        stream.pump(call, rows::add, WALL + 4500, t + 225 * FRAME);

        // The call ended at 3.5 s; the bridge said so later.
        ends.put("call-1", opened.startedAt() + 3500);
        stream.pump(null, rows::add, WALL + 5000, t + 250 * FRAME);
        RecordingRow closed = (RecordingRow) rows.getLast();
        assertThat(closed.durationMillis()).isEqualTo(3500);
        AudioClip clip = WavFile.read(dir.resolve(closed.path()));
        assertThat(clip.sampleRate()).isEqualTo(Frames.RATE);
        short[] s = clip.samples();
        assertThat(s).hasSize(175 * Frames.SAMPLES);
        assertThat(rms(s, 0, 75)).as("pre-roll and the first second").isGreaterThan(4000);
        assertThat(rms(s, 75, 125)).as("the second nothing came").isZero();
        assertThat(rms(s, 125, 175)).isGreaterThan(4000);
        assertThat(stream.framesLost()).isZero();
    }

    private static void talk(FrameRing ring, VirtualTime time, long t, int from, int frames) {
        for (int i = from; i < from + frames; i++) {
            time.set(t + i * FRAME);
            ring.onFrame(tone(), 0);
        }
    }

    private static double rms(short[] s, int fromFrame, int toFrame) {
        double sum = 0;
        for (int i = fromFrame * Frames.SAMPLES; i < toFrame * Frames.SAMPLES; i++) {
            sum += (double) s[i] * s[i];
        }
        return Math.sqrt(sum / ((toFrame - fromFrame) * Frames.SAMPLES));
    }

    @Test
    void recordingFilesOlderThanTheirRetentionAreDeletedWithTheirEmptyDays() throws Exception {
        HistorySettings settings = new HistorySettings(
                true, dir, Optional.empty(), 90, "n", new HistorySettings.Recordings(List.of(CallEvents.BRIDGE), 30));
        Recorder recorder = Recorder.of(settings, List.of(CallEvents.CONFIG), new MutableClock(WALL));
        try {
            Path oldDay = Files.createDirectories(settings.recordingsDir().resolve("2026-01-01"));
            Path old = Files.writeString(oldDay.resolve("a-3333-said.wav"), "x");
            Files.setLastModifiedTime(old, FileTime.fromMillis(WALL - 40 * Retention.DAY_MILLIS));
            Path recentDay = Files.createDirectories(settings.recordingsDir().resolve("2027-01-14"));
            Path recent = Files.writeString(recentDay.resolve("b-3333-said.wav"), "x");
            Files.setLastModifiedTime(recent, FileTime.fromMillis(WALL - Retention.DAY_MILLIS));

            recorder.deleteOlderThan(WALL - 30 * Retention.DAY_MILLIS);
            assertThat(old).doesNotExist();
            assertThat(oldDay).doesNotExist();
            assertThat(recent).exists();
            assertThat(recorder.taps().of(CallEvents.BRIDGE, "4444")).isNotNull();
            assertThat(recorder.taps().of("5555-6666", "5555")).isNull();
        } finally {
            recorder.close();
        }
    }
}
