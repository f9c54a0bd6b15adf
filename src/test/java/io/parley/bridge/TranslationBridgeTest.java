package io.parley.bridge;

import static io.parley.bridge.TranslationRig.finished;
import static io.parley.bridge.TranslationRig.port;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.audio.LevelMeter;
import io.parley.event.EngineFault;
import io.parley.event.EngineStatus;
import io.parley.event.UtteranceEvent;
import io.parley.speech.Availability;
import io.parley.speech.RecognitionStream;
import io.parley.speech.SpeechException;
import io.parley.speech.SpeechRecognizer;
import io.parley.speech.SpeechServices;
import io.parley.testing.FreePorts;
import io.parley.testing.RtpTestPeer;
import io.parley.translation.TranslationBridge;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Speech through real translation bridges: English synthesised by flite, sent as 8 kHz ulaw RTP,
 * recognised by pocketsphinx, translated by Apertium, spoken by espeak-ng, heard by the other
 * caller; over ExternalMedia legs and over gateways.
 */
class TranslationBridgeTest {
    private static final String SENTENCE = "i would like a cup of coffee.";
    /** The end-of-speech to first-translated-audio goal's p95 (issue 4): one utterance must meet it. */
    private static final long LATENCY_GOAL_MILLIS = 1000;

    /** Free ports: 7777's media and translated, then 8888's; 3333's rtp in, out, pcm to and from the bridge, then 4444's. */
    private static final int[] EM = FreePorts.udp(4);

    private static final int[] GW = FreePorts.udp(8);

    private static final String EXTERNAL_MEDIA = """
            bridges:
              - name: em
                mode: translate
                topology: externalmedia
                legs:
                  - {extension: "7777", language: en, codec: ulaw, externalMedia: {media: %d, translated: %d}}
                  - {extension: "8888", language: fr, codec: ulaw, externalMedia: {media: %d, translated: %d}}
            """.formatted(EM[0], EM[1], EM[2], EM[3]);

    private static final String GATEWAYS = """
            bridges:
              - name: gw
                mode: translate
                topology: gateway
                legs:
                  - {extension: "3333", language: en, codec: ulaw, rtp: {in: %d, out: %d}, pcm: {toBridge: %d, fromBridge: %d}}
                  - {extension: "4444", language: fr, codec: ulaw, rtp: {in: %d, out: %d}, pcm: {toBridge: %d, fromBridge: %d}}
            """.formatted(GW[0], GW[1], GW[2], GW[3], GW[4], GW[5], GW[6], GW[7]);

    /** Speaks {@code SENTENCE} into {@code into} and checks what {@code listener} hears and what the bridge reports. */
    private static void englishReachesFrench(
            TranslationRig rig,
            RtpTestPeer english,
            RtpTestPeer french,
            int englishPort,
            int frenchPort,
            String direction)
            throws Exception {
        // Synthesised first: the listener's presence lasts a while after its last packet, not forever.
        short[] speech = RtpTestPeer.speech(SENTENCE, "en", 8000);
        french.silence(100, port(frenchPort));
        long[] sent = english.play(Arrays.copyOf(speech, speech.length + 8000 * 2), port(englishPort));
        UtteranceEvent u = rig.await(finished(direction), Duration.ofSeconds(20));
        assertThat(u.stage()).as(u.note()).isEqualTo(UtteranceEvent.Stage.PLAYED);
        assertThat(u.finalText().toLowerCase()).contains("cup", "coffee");
        assertThat(u.translation().toLowerCase()).contains("tasse", "café");
        long speechEnd = sent[RtpTestPeer.lastLoudFrame(speech, 8000, -40)] + 20_000_000L;
        long firstTranslated = french.firstLoudAfter(speechEnd + 100_000_000L, -40);
        assertThat(firstTranslated)
                .as("translated speech reached the French caller")
                .isPositive();
        assertThat((firstTranslated - speechEnd) / 1_000_000)
                .as("end of speech to first translated audio, ms")
                .isLessThanOrEqualTo(LATENCY_GOAL_MILLIS);
        UtteranceEvent.Times t = u.times();
        assertThat(t.speechEnd()).isPositive();
        assertThat(t.sttFinal()).isGreaterThanOrEqualTo(t.speechEnd());
        assertThat(t.mtDone()).isGreaterThanOrEqualTo(t.sttFinal());
        assertThat(t.ttsFirstAudio()).isGreaterThanOrEqualTo(t.mtDone());
        assertThat(t.playoutStart()).isGreaterThanOrEqualTo(t.ttsFirstAudio());
        assertThat(t.playoutEnd()).isGreaterThan(t.playoutStart());
    }

    @Test
    void englishIsHeardInFrenchOverExternalMedia() throws Exception {
        try (TranslationRig rig = new TranslationRig(EXTERNAL_MEDIA, TranslationRig.engines());
                RtpTestPeer english = new RtpTestPeer("ulaw", 0);
                RtpTestPeer french = new RtpTestPeer("ulaw", 0)) {
            englishReachesFrench(rig, english, french, EM[0], EM[2], "7777->8888");
        }
    }

    @Test
    void englishIsHeardInFrenchOverGateways() throws Exception {
        try (TranslationRig rig = new TranslationRig(GATEWAYS, TranslationRig.engines());
                RtpTestPeer english = new RtpTestPeer("ulaw", 0);
                RtpTestPeer french = new RtpTestPeer("ulaw", 0)) {
            englishReachesFrench(rig, english, french, GW[0], GW[4], "3333->4444");
        }
    }

    /**
     * Asterisk sends nothing while a caller is silent: the sentence must end when the packets stop,
     * endOfSpeechMs after the last voice, as when quiet packets follow.
     */
    @Test
    void aSentenceEndsWhenTheSpeakersPacketsStop() throws Exception {
        try (TranslationRig rig = new TranslationRig(EXTERNAL_MEDIA, TranslationRig.engines());
                RtpTestPeer english = new RtpTestPeer("ulaw", 0);
                RtpTestPeer french = new RtpTestPeer("ulaw", 0)) {
            short[] speech = RtpTestPeer.speech(SENTENCE, "en", 8000);
            french.silence(100, port(EM[2]));
            int last = RtpTestPeer.lastLoudFrame(speech, 8000, -40);
            english.play(Arrays.copyOf(speech, (last + 1) * 160), port(EM[0])); // not a packet after the voice
            UtteranceEvent u = rig.await(finished("7777->8888"), Duration.ofSeconds(20));
            assertThat(u.stage()).as(u.note()).isEqualTo(UtteranceEvent.Stage.PLAYED);
            assertThat(u.finalText().toLowerCase()).contains("cup", "coffee");
            // 300 ms of silence ends it (silence stands in for the missing frames), then the recogniser's final pass.
            assertThat(u.times().sttFinal() - u.times().speechEnd())
                    .as("end of speech to the final text, ms")
                    .isBetween(250L, 1000L);
        }
    }

    @Test
    void frenchWithoutARecogniserReachesTheEnglishCallerUntranslated() throws Exception {
        try (TranslationRig rig = new TranslationRig(EXTERNAL_MEDIA, TranslationRig.engines());
                RtpTestPeer english = new RtpTestPeer("ulaw", 0);
                RtpTestPeer french = new RtpTestPeer("ulaw", 0)) {
            english.silence(100, port(EM[0]));
            short[] speech = RtpTestPeer.speech("je voudrais une tasse de café, s'il vous plaît.", "fr", 8000);
            long[] sent = french.play(speech, port(EM[2]));
            int loud = 0;
            for (int i = 0; i < speech.length / 160; i++) {
                if (LevelMeter.rmsDbfs(speech, i * 160, 160) > -30) {
                    loud++;
                }
            }
            long start = sent[0];
            long end = sent[sent.length - 1] + 200_000_000L;
            Awaitility.await()
                    .atMost(Duration.ofSeconds(2))
                    .until(() -> english.loudPacketsBetween(start, end, -30) > 0);
            assertThat(english.loudPacketsBetween(start, end, -30))
                    .as("loud French frames heard in English")
                    .isGreaterThan(loud * 9 / 10);
            assertThat(rig.utterances()).noneMatch(u -> u.direction().equals("8888->7777"));
            EngineStatus stt = rig.statuses().stream()
                    .filter(s -> s.stage().equals("stt") && s.language().equals("fr"))
                    .findFirst()
                    .orElseThrow();
            assertThat(stt.available()).isFalse();
            assertThat(stt.reason())
                    .contains("engines.stt.fr")
                    .contains("vosk")
                    .contains("whisper")
                    .contains("openai");
        }
    }

    /** The French side recognised with the English model: enough for echo to be recognised as something. */
    private static final SpeechServices BOTH_WAYS =
            TranslationRig.recognizing(language -> TranslationRig.engines().recognizer("en"));

    /** The listener hears the translation alone, so everything their phone loops back is the translation. */
    private static final String TRANSLATION_ONLY =
            EXTERNAL_MEDIA.replace("    legs:", "    translation: {original: off}\n    legs:");

    @Test
    void theTranslationEchoedBackByTheListenersPhoneIsNotTranslatedAgain() throws Exception {
        try (TranslationRig rig = new TranslationRig(TRANSLATION_ONLY, BOTH_WAYS);
                RtpTestPeer english = new RtpTestPeer("ulaw", 0);
                RtpTestPeer french = new RtpTestPeer("ulaw", 0)) {
            french.silence(100, port(EM[2]));
            french.echo(port(EM[2]));
            short[] speech = RtpTestPeer.speech(SENTENCE, "en", 8000);
            english.play(Arrays.copyOf(speech, speech.length + 8000 * 3), port(EM[0]));
            UtteranceEvent played = rig.await(finished("7777->8888"), Duration.ofSeconds(20));
            assertThat(played.stage()).isEqualTo(UtteranceEvent.Stage.PLAYED);
            french.echo(null);
            english.silence(1500, port(EM[0]));
            assertThat(rig.utterances())
                    .as("nothing recognised from the echo")
                    .noneMatch(u -> u.direction().equals("8888->7777"));

            // The control: the same translation, sent by the French caller once the guard has opened,
            // is recognised, so the quiet above was the guard's doing.
            short[] heard = french.heard();
            french.play(Arrays.copyOf(heard, heard.length + 8000), port(EM[2]));
            rig.await(
                    u -> u.direction().equals("8888->7777") && u.stage() == UtteranceEvent.Stage.RECOGNISED,
                    Duration.ofSeconds(20));
        }
    }

    @Test
    void aKilledTranslatorStageIsRestartedAndTheNextUtteranceIsTranslated() throws Exception {
        try (TranslationRig rig = new TranslationRig(EXTERNAL_MEDIA, TranslationRig.engines());
                RtpTestPeer english = new RtpTestPeer("ulaw", 0);
                RtpTestPeer french = new RtpTestPeer("ulaw", 0)) {
            french.silence(100, port(EM[2]));
            ProcessHandle stage = ProcessHandle.current()
                    .descendants()
                    .filter(p -> p.info().command().orElse("").contains("lt-proc"))
                    .findFirst()
                    .orElseThrow();
            stage.destroyForcibly();
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !stage.isAlive());
            short[] speech = RtpTestPeer.speech(SENTENCE, "en", 8000);
            long[] sent = english.play(Arrays.copyOf(speech, speech.length + 8000 * 2), port(EM[0]));
            UtteranceEvent u = rig.await(finished("7777->8888"), Duration.ofSeconds(30));
            assertThat(u.stage()).as(u.note()).isEqualTo(UtteranceEvent.Stage.PLAYED);
            assertThat(u.translation().toLowerCase()).contains("café");
            // the caller's own voice kept flowing to the listener the whole time
            assertThat(french.loudPacketsBetween(sent[0], sent[sent.length - 1], -45))
                    .isGreaterThan(20);
        }
    }

    @Test
    void aRecognizerThatFallsBehindIsReportedWithTheFramesItNeverHeard() throws Exception {
        // The real recogniser, held still while the sentence arrives: more frames come than the lane queues.
        CountDownLatch held = new CountDownLatch(1);
        SpeechRecognizer real = switch (TranslationRig.engines().recognizer("en")) {
            case Availability.Available<SpeechRecognizer>(var engine) -> engine;
            case Availability.Unavailable<SpeechRecognizer>(var reason) -> throw new IllegalStateException(reason);
        };
        SpeechRecognizer stalled = new SpeechRecognizer() {
            @Override
            public RecognitionStream start(PartialListener partials) throws SpeechException {
                RecognitionStream stream = real.start(partials);
                return new RecognitionStream() {
                    @Override
                    public void feed(short[] samples, int offset, int length) throws SpeechException {
                        try {
                            held.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        stream.feed(samples, offset, length);
                    }

                    @Override
                    public String finish() throws SpeechException {
                        return stream.finish();
                    }

                    @Override
                    public void close() {
                        stream.close();
                    }
                };
            }

            @Override
            public String describe() {
                return real.describe();
            }

            @Override
            public void close() {
                real.close();
            }
        };
        SpeechServices speech = TranslationRig.recognizing(language -> language.equals("en")
                ? Availability.of(stalled)
                : TranslationRig.engines().recognizer(language));
        try (TranslationRig rig = new TranslationRig(EXTERNAL_MEDIA, speech);
                RtpTestPeer english = new RtpTestPeer("ulaw", 0);
                RtpTestPeer french = new RtpTestPeer("ulaw", 0)) {
            french.silence(100, port(EM[2]));
            short[] speech8k = RtpTestPeer.speech(SENTENCE, "en", 8000);
            // The sentence, then silence until more frames came than the lane queues, and a second more.
            int queued = TranslationBridge.SPEAKER_QUEUE_FRAMES * 160;
            english.play(Arrays.copyOf(speech8k, Math.max(speech8k.length, queued) + 8000), port(EM[0]));
            assertThat(rig.faults())
                    .as("nothing reported while the recogniser is held")
                    .isEmpty();
            held.countDown();
            EngineFault fault = Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> rig.faults().stream().findFirst(), Optional::isPresent)
                    .orElseThrow();
            assertThat(fault.stage()).isEqualTo("stt");
            assertThat(fault.engine()).isEqualTo(real.describe());
            long dropped = fault.framesLost();
            long sent = (Math.max(speech8k.length, queued) + 8000) / 160;
            assertThat(dropped).as(fault.message()).isBetween(1L, sent - TranslationBridge.SPEAKER_QUEUE_FRAMES);
            assertThat(fault.message())
                    .contains(
                            dropped + " frames",
                            "dropped unrecognised",
                            TranslationBridge.SPEAKER_QUEUE_FRAMES + " frames");
        }
    }
}
