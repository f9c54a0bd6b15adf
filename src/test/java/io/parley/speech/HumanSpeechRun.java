package io.parley.speech;

import io.parley.audio.AudioClip;
import io.parley.audio.WavFile;
import io.parley.speech.HumanSpeech.Half;
import io.parley.speech.HumanSpeech.Recording;
import io.parley.speech.WordErrorRate.Score;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Recognises one half of the human development set as a translation bridge would
 * ({@link BridgePath}: the recording as RTP mu-law, parley's resampler and endpointer, each
 * utterance started, fed in 20 ms frames and finished), recordings in name order on one
 * recogniser, and scores it. With a one-decoder recogniser the result is the same on every run:
 * decoding is deterministic and the cepstral mean each recording starts from is the one the
 * previous recordings left.
 */
public final class HumanSpeechRun {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static final int FRAME = 320;

    private HumanSpeechRun() {}

    /** A recording with the utterances the bridge's endpointer cuts it into. */
    public record Prepared(Recording recording, List<short[]> utterances, double seconds) {}

    /** One recording's result. */
    public record Line(Recording recording, String hypothesis, Score score) {}

    /** One half's result: words, CPU time (this thread), audio time, CPU time of each {@code finish}. */
    public record Result(
            Half half, List<Line> lines, double cpuSeconds, double audioSeconds, List<Long> finishCpuMicros) {
        public Score score() {
            return lines.stream().map(Line::score).reduce(new Score(0, 0), Score::plus);
        }

        public double realTimeFactor() {
            return cpuSeconds / audioSeconds;
        }

        public String table() {
            StringBuilder out = new StringBuilder();
            for (Line l : lines) {
                out.append(String.format(
                        Locale.ROOT,
                        "%s %2d/%-2d %-28s | %s%n        -> %s%n",
                        half,
                        l.score().errors(),
                        l.score().words(),
                        l.recording().name(),
                        l.recording().text(),
                        l.hypothesis()));
            }
            Score s = score();
            out.append(String.format(
                    Locale.ROOT,
                    "half %s: WER %.1f%% (%d errors / %d words, %d recordings), CPU RTF %.3f%n",
                    half,
                    100 * s.rate(),
                    s.errors(),
                    s.words(),
                    lines.size(),
                    realTimeFactor()));
            return out.toString();
        }
    }

    /** The half's recordings, cut into utterances. */
    public static List<Prepared> prepare(Half half) {
        return prepare(HumanSpeech.half(half));
    }

    /** {@code recordings} as the bridge's path cuts them into utterances. */
    public static List<Prepared> prepare(List<Recording> recordings) {
        List<Prepared> prepared = new ArrayList<>();
        for (Recording r : recordings) {
            try {
                AudioClip clip = WavFile.read(r.file());
                prepared.add(new Prepared(r, BridgePath.utterances(clip), clip.durationMillis() / 1000));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return prepared;
    }

    /** Recognises {@code recordings} in order on {@code recognizer}. */
    public static Result run(SpeechRecognizer recognizer, Half half, List<Prepared> recordings) throws SpeechException {
        double cpu = 0;
        double audio = 0;
        List<Long> finishes = new ArrayList<>();
        List<Line> lines = new ArrayList<>();
        for (Prepared p : recordings) {
            long start = CPU.getCurrentThreadCpuTime();
            StringBuilder text = new StringBuilder();
            for (short[] utterance : p.utterances()) {
                try (RecognitionStream stream = recognizer.start(partial -> {})) {
                    for (int at = 0; at < utterance.length; at += FRAME) {
                        stream.feed(utterance, at, Math.min(FRAME, utterance.length - at));
                    }
                    long before = CPU.getCurrentThreadCpuTime();
                    String words = stream.finish().strip();
                    finishes.add((CPU.getCurrentThreadCpuTime() - before) / 1000);
                    if (!words.isEmpty()) {
                        text.append(text.isEmpty() ? "" : " ").append(words);
                    }
                }
            }
            cpu += (CPU.getCurrentThreadCpuTime() - start) / 1e9;
            audio += p.seconds();
            lines.add(new Line(
                    p.recording(),
                    text.toString(),
                    WordErrorRate.score(p.recording().text(), text.toString())));
        }
        return new Result(half, lines, cpu, audio, finishes);
    }
}
