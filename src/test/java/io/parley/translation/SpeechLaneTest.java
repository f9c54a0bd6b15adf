package io.parley.translation;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.audio.AudioClip;
import io.parley.audio.EndpointSettings;
import io.parley.audio.LevelMeter;
import io.parley.audio.ToneGenerator;
import io.parley.config.TranslationSettings;
import io.parley.event.EventBus;
import io.parley.leg.Frames;
import io.parley.media.VirtualTime;
import io.parley.speech.RecognitionStream;
import io.parley.speech.SpeechException;
import io.parley.speech.SpeechRecognizer;
import io.parley.speech.Synthesizer;
import io.parley.speech.Translator;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The recognition side of a lane in virtual time: what the recogniser is fed when the speaker's
 * frames come late (a held-up media clock) and when they stop (Asterisk sends nothing in silence).
 */
class SpeechLaneTest {
    private static final long T0 = 1_000_000_000L;
    private static final long FRAME = Frames.MILLIS * 1_000_000L;
    /** What the recogniser was fed, a letter a frame: L loud, q quiet audio, S silence put in place of audio. */
    private final StringBuffer fed = new StringBuffer();

    private final AtomicInteger finished = new AtomicInteger();
    private final VirtualTime time = new VirtualTime(T0);
    private final short[] quiet = new short[Frames.SAMPLES];
    private final short[] loud = new short[Frames.SAMPLES];

    SpeechLaneTest() {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < quiet.length; i++) {
            quiet[i] = (short) (random.nextInt(7) - 3);
        }
        new ToneGenerator(Frames.RATE, 500, -15).fill(loud, 0, loud.length);
    }

    @Test
    void framesHeldUpBrieflyAreRecognisedInPlaceWithNoSilenceBetween() throws Exception {
        try (SpeechLane lane = laneHearingASecondOfVoice()) {

            // The media clock is held up for 150 ms: the next frames come late, all at once.
            time.set(origin(75) + 150 * 1_000_000L);
            Awaitility.await()
                    .during(Duration.ofMillis(300))
                    .atMost(Duration.ofSeconds(2))
                    .until(() -> count('S') == 0);
            for (int i = 75; i < 95; i++) {
                lane.offer(loud, origin(i));
            }
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> count('L') == 70);

            // Then the speaker's packets stop: silence stands in until the utterance ends.
            time.set(origin(95) + 400 * 1_000_000L);
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> finished.get() == 1);
            assertThat(fed.toString())
                    .as("the words, then the silence that ended them")
                    .matches("q*L{70}S+");
        }
    }

    @Test
    void anUtteranceEndsTheTrailingSilenceAfterTheLastFrameWhenFramesStop() throws Exception {
        try (SpeechLane lane = laneHearingASecondOfVoice()) {
            // 340 ms after the last frame began (320 ms after it ended): past the 300 ms that end an
            // utterance, so it has ended, however the time got there.
            time.set(origin(74) + 340 * 1_000_000L);
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> finished.get() == 1);
            assertThat(count('S'))
                    .as("silent frames in place of the missing ones")
                    .isBetween(15, 16);
        }
    }

    /** A lane fed half a second of quiet, then frames 25-74 loud, each when due, all recognised. */
    private SpeechLane laneHearingASecondOfVoice() {
        SpeechLane lane = lane();
        try {
            offer(lane, 0, 25, quiet);
            offer(lane, 25, 50, loud);
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> count('L') == 50);
            return lane;
        } catch (RuntimeException | Error e) {
            lane.close();
            throw e;
        }
    }

    private SpeechLane lane() {
        SpeechLane lane = new SpeechLane(
                new Utterance.Direction("b", "3333", "4444", "en", "fr"),
                recorder(),
                Translator.PASSTHROUGH,
                new Synthesizer() {
                    @Override
                    public AudioClip synthesize(String text, String language) throws SpeechException {
                        throw new SpeechException("not needed");
                    }

                    @Override
                    public String describe() {
                        return "none";
                    }
                },
                new Playout(TranslationSettings.DEFAULT),
                new Playout(TranslationSettings.DEFAULT),
                false,
                EndpointSettings.DEFAULT,
                new EventBus(),
                time);
        lane.start();
        return lane;
    }

    /** Frames {@code from} to {@code from + n - 1}, each when the clock reaches its time. */
    private void offer(SpeechLane lane, int from, int n, short[] frame) {
        for (int i = from; i < from + n; i++) {
            time.set(origin(i));
            lane.offer(frame, origin(i));
        }
    }

    private static long origin(int frame) {
        return T0 + frame * FRAME;
    }

    private int count(char kind) {
        return (int) fed.chars().filter(c -> c == kind).count();
    }

    private SpeechRecognizer recorder() {
        return new SpeechRecognizer() {
            @Override
            public RecognitionStream start(PartialListener partials) {
                return new RecognitionStream() {
                    @Override
                    public void feed(short[] samples, int offset, int length) {
                        fed.append(kind(samples, offset, length));
                    }

                    @Override
                    public String finish() {
                        finished.incrementAndGet();
                        return "hello";
                    }

                    @Override
                    public void close() {}
                };
            }

            @Override
            public String describe() {
                return "recorder";
            }
        };
    }

    private static char kind(short[] samples, int offset, int length) {
        boolean zero = true;
        for (int i = offset; i < offset + length && zero; i++) {
            zero = samples[i] == 0;
        }
        return zero ? 'S' : LevelMeter.rmsDbfs(samples, offset, length) > -30 ? 'L' : 'q';
    }
}
