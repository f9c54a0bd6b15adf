package io.parley.asterisk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.parley.audio.ToneGenerator;
import io.parley.config.LegConfig;
import io.parley.config.ParleyConfig;
import io.parley.config.ToneZone;
import io.parley.event.CallEvent;
import io.parley.event.UtteranceEvent;
import io.parley.history.CallDetail;
import io.parley.history.LegRow;
import io.parley.testing.RtpTestPeer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Calls through a real Asterisk 22, configured from {@code docs/asterisk}, into parley's default
 * bridges (on free ports): 5555-6666 cross-patched over gateways, 3333-4444 translated over
 * gateways, 7777-8888 translated over ExternalMedia. Each test asserts what a caller heard, as
 * Asterisk recorded it. The listening caller says nothing at all: Asterisk sends parley no RTP for
 * them, so parley must send to the address signalling gave. The translated calls are also checked
 * as the call history keeps them.
 */
class DefaultBridgesThroughAsteriskTest {
    private static final Duration CALL = Duration.ofSeconds(40);
    /** Longer than any wait of the test: a call that lasts this long outlasts the test. */
    private static final Duration LONGER_THAN_THE_TEST_WAITS = CALL.multipliedBy(2);

    private static final String SENTENCE = "i would like a cup of coffee.";
    private static RealAsterisk asterisk;
    private static ParleyOnAsterisk parley;
    private static Path transcripts;
    private static String tone1000;
    private static String tone700;
    private static String tone1300;
    private static String sentence;
    private static int sentenceMillis;
    private static String otherSentence;
    private long logMark;

    @BeforeAll
    static void start() throws Exception {
        asterisk = RealAsterisk.start();
        transcripts = Files.createTempDirectory("parley-transcripts");
        // 6666's waiting tone is configured (British); the others follow their language (3333 us, 4444 fr).
        ParleyConfig config = FreePlan.mapLegs(
                FreePlan.withHistory(
                        FreePlan.defaultBridges(asterisk, "parley", transcripts), transcripts.resolve("data")),
                leg -> leg.extension().equals("6666")
                        ? new LegConfig(
                                leg.extension(),
                                leg.language(),
                                leg.codec(),
                                leg.ports(),
                                leg.remote(),
                                ToneZone.named("uk").orElseThrow())
                        : leg);
        parley = ParleyOnAsterisk.start(config, asterisk).awaitEngines();
        tone1000 = asterisk.sound("tone1000", tone(1000, 3));
        tone700 = asterisk.sound("tone700", tone(700, 3));
        tone1300 = asterisk.sound("tone1300", tone(1300, 3));
        short[] speech = RtpTestPeer.speech(SENTENCE, "en", 8000);
        sentence = asterisk.sound("coffee", speech);
        sentenceMillis = speech.length / 8;
        otherSentence = asterisk.sound("tomorrow", RtpTestPeer.speech("please call me back tomorrow.", "en", 8000));
    }

    static short[] tone(double hz, double seconds) {
        short[] s = new short[(int) (8000 * seconds)];
        new ToneGenerator(8000, hz, -10).fill(s, 0, s.length);
        return s;
    }

    @AfterAll
    static void stop() {
        if (parley != null) {
            parley.close();
        }
        if (asterisk != null) {
            asterisk.close();
        }
    }

    @BeforeEach
    void mark() {
        parley.forget();
        logMark = asterisk.logMark();
    }

    /** Every call is over, parley left nothing in Asterisk, and Asterisk logged no warning or error. */
    @AfterEach
    void clean() {
        await().atMost(CALL)
                .pollInterval(Duration.ofMillis(100))
                .alias("every channel and bridge gone")
                .until(() -> asterisk.channels().isEmpty() && asterisk.bridges().isEmpty());
        assertThat(asterisk.problemsSince(logMark))
                .as("warnings and errors in Asterisk's log")
                .isEmpty();
    }

    @Test
    void aSilentListenerHearsTheCrossPatchedToneAndTheWaitingToneOfItsZoneBeforeAndAfter() {
        // The second leg's caller comes first, and waits.
        RealAsterisk.Call listener = asterisk.listen("6666", 9);
        // Half a second of waiting tone (its frames leave parley) before the partner dials: counted from
        // this test's start (the leg's counters run on from the earlier tests).
        await().atMost(CALL).until(() -> parley.packetsOut("6666") >= 25);
        RealAsterisk.Call talker = asterisk.talkOnCue("5555", tone1000, 2, 1);
        parley.awaitConnected(listener, talker);
        talker.cue();
        Heard heard = Heard.of(listener.heard(CALL));
        talker.heard(CALL);

        int first = heard.firstFrameWith(1000);
        int last = heard.lastFrameWith(1000);
        assertThat(heard.framesWith(1000))
                .as("frames of the 3 s tone heard\n" + heard.picture())
                .isGreaterThanOrEqualTo(145);
        assertThat(last - first + 1).as("the tone arrives whole, in one piece").isLessThanOrEqualTo(152);
        // uk: 400+450 Hz; not us (440+480)
        assertThat(heard.framesWith(0, first - 1, 400, 450))
                .as("waiting tone (uk) before the partner came")
                .isPositive();
        assertThat(heard.framesWith(0, first - 1, 440, 480)).isZero();
        assertThat(heard.framesWith(first, last, 400, 450))
                .as("no waiting tone while the partner is there")
                .isZero();
        assertThat(heard.framesWith(last + 1, heard.frames() - 1, 400, 450))
                .as("waiting tone again after the partner left")
                .isPositive();
        assertThat(parley.packetsIn("6666"))
                .as("the listener sent parley nothing")
                .isZero();
    }

    @Test
    void aSilentFrenchListenerOverGatewaysHearsTheEnglishSentenceInFrenchWithinOneAndAHalfSeconds() {
        silentListenerHearsFrench("3333-4444", "3333", "4444");
    }

    @Test
    void aSilentFrenchListenerOverExternalMediaHearsTheEnglishSentenceInFrenchWithinOneAndAHalfSeconds() {
        silentListenerHearsFrench("7777-8888", "7777", "8888");
    }

    private void silentListenerHearsFrench(String bridge, String english, String french) {
        RealAsterisk.Call talker = asterisk.talkOnCue(english, sentence, 3, 4);
        // The speaker is in the call before the listener dials: a listener who got there first would
        // rightly hear a frame or two of waiting tone, and that would be the first sound measured.
        parley.awaitConnected(talker);
        RealAsterisk.Call listener = asterisk.listen(french, 10);
        parley.awaitConnected(listener);
        talker.cue();
        Heard heard = Heard.of(listener.heard(CALL));
        talker.heard(CALL);

        List<Heard.Sound> sounds = heard.sounds(-40, 250);
        assertThat(sounds)
                .as("the English sentence (passed through), then its French translation\n" + heard.picture())
                .hasSizeGreaterThanOrEqualTo(2);
        Heard.Sound spoken = sounds.getFirst();
        Heard.Sound translated = sounds.get(1);
        assertThat(spoken.endMillis() - spoken.startMillis())
                .as("the English sentence heard")
                .isBetween(sentenceMillis / 2, sentenceMillis + 200);
        assertThat(translated.frames() * Heard.FRAME_MILLIS)
                .as("French speech heard")
                .isGreaterThan(800);
        assertThat(translated.startMillis() - spoken.endMillis())
                .as("end of the English sentence to the first French audio, ms\n" + heard.picture())
                .isBetween(1, 1500);

        UtteranceEvent u = parley.awaitFinished(english + "->" + french).getFirst();
        assertThat(u.stage()).as(u.note()).isEqualTo(UtteranceEvent.Stage.PLAYED);
        assertThat(u.finalText().toLowerCase()).contains("cup", "coffee");
        assertThat(u.translation().toLowerCase()).contains("tasse", "café");
        // The transcript log writes the line on its own thread, after the utterance finished.
        await().atMost(CALL)
                .untilAsserted(() -> assertThat(parley.transcript(bridge))
                        .anyMatch(line -> line.contains("coffee") && line.contains("caf")));
        assertThat(parley.packetsIn(french))
                .as("the listener sent parley nothing")
                .isZero();

        // The history keeps the call as Asterisk signalled it, with what was said and how it was translated.
        CallDetail call = parley.endedCall(bridge);
        assertThat(call.call().answeredAt()).as("answered").isNotNull();
        assertThat(call.call().endedBy()).as("ended by").isIn(english, french);
        assertThat(call.legs())
                .extracting(LegRow::extension, LegRow::channelId)
                .containsExactlyInAnyOrder(tuple(english, talker.lineId()), tuple(french, listener.lineId()));
        LegRow speaker = call.legs().stream()
                .filter(l -> l.extension().equals(english))
                .findFirst()
                .orElseThrow();
        LegRow silent = call.legs().stream()
                .filter(l -> l.extension().equals(french))
                .findFirst()
                .orElseThrow();
        assertThat(speaker.packetsIn()).as(english + "'s packets kept").isGreaterThan(sentenceMillis / 20);
        assertThat(silent.packetsIn()).as(french + " said nothing").isZero();
        assertThat(silent.packetsOut())
                .as(french + " heard the sentence and its translation")
                .isGreaterThan(sentenceMillis / 20);
        assertThat(call.utterances()).anySatisfy(r -> {
            assertThat(r.outcome()).isEqualTo("played");
            assertThat(r.text().toLowerCase()).contains("coffee");
            assertThat(r.translation().toLowerCase()).contains("café");
        });
    }

    @Test
    void bothCallersTalkingAtOnceHearEachOther() {
        RealAsterisk.Call a = asterisk.talkOnCue("5555", tone700, 2, 1);
        RealAsterisk.Call b = asterisk.talkOnCue("6666", tone1300, 2, 1);
        parley.awaitConnected(a, b);
        a.cue();
        b.cue();
        Heard heardByA = Heard.of(a.heard(CALL));
        Heard heardByB = Heard.of(b.heard(CALL));
        assertThat(heardByA.framesWith(1300))
                .as("5555 hears 6666's tone\n" + heardByA.picture())
                .isGreaterThanOrEqualTo(140);
        assertThat(heardByB.framesWith(700))
                .as("6666 hears 5555's tone\n" + heardByB.picture())
                .isGreaterThanOrEqualTo(140);
        assertThat(heardByA.framesWith(700)).as("nobody hears themselves").isZero();
    }

    @ParameterizedTest(name = "{0} hangs up while {1} stays")
    @CsvSource({"5555, 6666", "6666, 5555"})
    void aHangUpOfEitherCallerFreesTheLegAtOnceAndTheNextCallOnItWorks(String leaving, String staying) {
        // The listener stays until the second caller is done.
        RealAsterisk.Call listener = asterisk.listen(staying, 30);
        RealAsterisk.Call first = asterisk.silent(leaving, 30);
        await().atMost(CALL)
                .until(() -> parley.calls(CallEvent.Kind.STARTED, leaving).size() == 1);
        first.hangUp();
        await().atMost(CALL).until(first::gone);
        // At once: no pause for the leg to free up.
        RealAsterisk.Call second = asterisk.talkOnCue(leaving, tone1000, 1, 0.5);
        parley.awaitConnected(listener, second);
        second.cue();
        second.heard(CALL);
        listener.hangUp();
        Heard heard = Heard.of(listener.heard(CALL));
        assertThat(parley.calls(CallEvent.Kind.REFUSED, leaving)).isEmpty();
        assertThat(heard.framesWith(1000))
                .as("the second caller is heard\n" + heard.picture())
                .isGreaterThanOrEqualTo(145);
    }

    @Test
    void aThirdCallToABusyExtensionIsRefusedAndAnUnknownExtensionIsHungUp() {
        // The first call is there until the test hangs it up, however long the refusals take.
        RealAsterisk.Call first = asterisk.silent("5555", LONGER_THAN_THE_TEST_WAITS.toSeconds());
        await().atMost(CALL)
                .until(() -> parley.calls(CallEvent.Kind.STARTED, "5555").size() == 1);
        assertThat(refusal("5555", RealAsterisk.PARLEY_CONTEXT).detail()).contains("busy");
        assertThat(first.gone()).isFalse();
        assertThat(refusal("9999", "test").detail()).contains("9999");
        first.hangUp();
    }

    /**
     * Dials {@code extension} in {@code context}, waits until the call is gone (it would ring and stay
     * longer than the test waits: only parley's hang-up ends it in time) and returns parley's one
     * REFUSED event for it.
     */
    private CallEvent refusal(String extension, String context) {
        RealAsterisk.Call call = asterisk.dial(
                extension,
                context,
                "silent",
                Map.of("TAIL", Long.toString(LONGER_THAN_THE_TEST_WAITS.toSeconds())),
                LONGER_THAN_THE_TEST_WAITS);
        await().atMost(CALL).until(call::gone);
        // parley says so once its hang-up of the call returned, which may be after the call is gone.
        await().atMost(CALL)
                .until(() -> !parley.calls(CallEvent.Kind.REFUSED, extension).isEmpty());
        List<CallEvent> refused = parley.calls(CallEvent.Kind.REFUSED, extension);
        assertThat(refused).as("calls to " + extension + " refused").hasSize(1);
        assertThat(refused.getFirst().channelId()).isEqualTo(call.lineId());
        return refused.getFirst();
    }

    @Test
    void aTranslationWaitingForAListenerWhoHungUpNeverReachesTheNextCallOnTheirLeg() {
        // 8888's first caller hangs up just as the English sentence ends: its French is not played to
        // the second caller of 8888, who arrives at once.
        RealAsterisk.Call talker = asterisk.talkOnCue("7777", sentence, 2.5, 6);
        RealAsterisk.Call firstListener = asterisk.listen("8888", 20);
        parley.awaitConnected(talker, firstListener);
        talker.cue();
        await().atMost(CALL)
                .until(() -> parley.all(UtteranceEvent.class).stream()
                        .anyMatch(u ->
                                u.direction().equals("7777->8888") && u.stage() == UtteranceEvent.Stage.RECOGNISED));
        firstListener.hangUp();
        await().atMost(CALL).until(firstListener::gone);
        RealAsterisk.Call secondListener = asterisk.listen("8888", 5);
        Heard second = Heard.of(secondListener.heard(CALL));
        talker.heard(CALL);

        UtteranceEvent u = parley.awaitFinished("7777->8888").getFirst();
        assertThat(u.finalText().toLowerCase()).contains("coffee");
        assertThat(u.note()).as("the translation was for the listener who left").contains("left the call");
        assertThat(second.sounds(-40, 250))
                .as("the second caller heard no French\n" + second.picture())
                .allMatch(s -> second.framesWith(s.first(), s.last(), 440) > 0);
    }

    @Test
    void aCallerWhoHangsUpAsTheySpeakHasTheirSentenceTranslatedAndTheNextCallOnTheirLegStartsAfresh() {
        RealAsterisk.Call listener = asterisk.listen("8888", 30);
        // Hangs up the moment the sentence's audio ends, before any silence could end it.
        RealAsterisk.Call first = asterisk.talkOnCue("7777", sentence, 1.5, 0);
        parley.awaitConnected(listener, first);
        first.cue();
        await().atMost(CALL).until(first::gone);
        long secondDialled = System.currentTimeMillis();
        RealAsterisk.Call second = asterisk.talkOnCue("7777", otherSentence, 1.5, 3);
        parley.awaitConnected(second);
        second.cue();
        await().atMost(CALL).until(second::gone);
        await().atMost(CALL).until(() -> parley.finished("7777->8888").size() >= 2);
        listener.hangUp();
        Heard heard = Heard.of(listener.heard(CALL));

        List<UtteranceEvent> finished = parley.finished("7777->8888");
        assertThat(finished).hasSize(2);
        assertThat(finished.get(0).finalText().toLowerCase()).contains("coffee");
        assertThat(finished.get(0).stage()).as(finished.get(0).note()).isEqualTo(UtteranceEvent.Stage.PLAYED);
        assertThat(finished.get(1).finalText().toLowerCase())
                .contains("tomorrow")
                .doesNotContain("coffee", "cup");
        // Not after the first sentence's recognition: that may rightly still run when the second begins.
        assertThat(finished.get(1).times().speechStart())
                .as("the second call's sentence begins in the second call, dialled at " + secondDialled)
                .isGreaterThan(secondDialled);
        await().atMost(CALL)
                .untilAsserted(() -> assertThat(parley.transcript("7777-8888"))
                        .anyMatch(l -> l.contains("coffee"))
                        .anyMatch(l -> l.contains("tomorrow")));
        assertThat(heard.sounds(-40, 250))
                .as("each English sentence and its French\n" + heard.picture())
                .hasSizeGreaterThanOrEqualTo(4);
    }

    @Test
    void aFrenchCallerWaitingAloneHearsTheFrenchRingingTone() {
        RealAsterisk.Call waiting = asterisk.listen("4444", 3);
        Heard heard = Heard.of(waiting.heard(CALL));
        // fr: 440 Hz alone, 1.5 s on; us would add 480 Hz.
        assertThat(heard.framesWith(440))
                .as("French ringing tone\n" + heard.picture())
                .isGreaterThanOrEqualTo(50);
        assertThat(heard.framesWith(440, 480)).isZero();
    }
}
