package io.parley.speech.apertium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.parley.speech.SpeechException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real stage processes killed and stopped under a running translator. */
class ApertiumSupervisionTest {

    private static final Duration TIMEOUT = Duration.ofMillis(1500);
    private static final List<String> faults = new CopyOnWriteArrayList<>();
    private static ApertiumTranslator translator;

    @BeforeAll
    static void start() throws SpeechException {
        ApertiumSettings settings = new ApertiumSettings(
                ApertiumSettings.DEBIAN_MODES, List.of(ApertiumRoute.EN_FR), TIMEOUT, Duration.ofSeconds(20));
        translator = ApertiumTranslator.start(
                settings,
                (engine, message, restarted) -> faults.add(engine + " | " + message + " | restarted=" + restarted));
    }

    @AfterAll
    static void stop() {
        translator.close();
    }

    @BeforeEach
    void translatorWorks() throws SpeechException {
        assertThat(translator.translate("the dog eats an apple", "en", "fr")).contains("chien");
        faults.clear();
    }

    @Test
    void aStageKilledBetweenSentencesIsReplacedAndTheNextSentenceTranslates() throws SpeechException {
        long before = translator.faults();
        List<ProcessHandle> old = translator.processes("en", "fr");
        assertThat(old).hasSize(21);
        ProcessHandle victim = old.get(4);
        victim.destroyForcibly();
        victim.onExit().join();

        assertThat(translator.translate("thank you very much", "en", "fr")).containsIgnoringCase("merci");

        assertThat(translator.faults()).isEqualTo(before + 1);
        assertThat(faults)
                .singleElement()
                .asString()
                .contains(
                        "stage 5 of 21",
                        "pid " + victim.pid(),
                        "exited with code 137 (signal 9)",
                        "between requests",
                        "pipeline restarted",
                        "restarted=true");
        await().atMost(Duration.ofSeconds(5)).until(() -> old.stream().noneMatch(ProcessHandle::isAlive));
        assertThat(translator.processes("en", "fr")).hasSize(21).doesNotContainAnyElementsOf(old);
    }

    @Test
    void aStoppedStageTimesOutAndTheNextSentenceTranslates() throws Exception {
        long before = translator.faults();
        List<ProcessHandle> old = translator.processes("en", "fr");
        signal("-STOP", old.get(7));

        long start = System.nanoTime();
        assertThatThrownBy(() -> translator.translate("good morning", "en", "fr"))
                .isInstanceOf(SpeechException.class)
                .hasMessageContaining("apertium en->fr: no reply within 1500 ms")
                .hasMessageContaining("pipeline restarted; this sentence is lost");
        // The timeout, then the restart of the chain's stages before the answer (seconds on a busy
        // machine); a translator that waited for the 20 s start-up limit instead would be far out.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(TIMEOUT, TIMEOUT.plusSeconds(8));

        assertThat(translator.faults()).isEqualTo(before + 1);
        assertThat(faults).singleElement().asString().contains("no reply within 1500 ms", "restarted=true");
        await().atMost(Duration.ofSeconds(5)).until(() -> old.stream().noneMatch(ProcessHandle::isAlive));
        assertThat(translator.translate("thank you very much", "en", "fr")).containsIgnoringCase("merci");
    }

    @Test
    void aStageDyingDuringASentenceFailsItWithoutWaitingForTheTimeout() throws Exception {
        long before = translator.faults();
        List<ProcessHandle> old = translator.processes("en", "fr");
        ProcessHandle victim = old.get(2);
        signal("-STOP", victim);
        InFlight sentence = inFlight("good morning");

        victim.destroyForcibly();

        // "during the request" is the answer to the chain's output ending before the timeout; had
        // the timeout run out first, the message would be "no reply within 1500 ms". (A duration
        // check here also timed the restart of the 21 stages, which a busy machine made slow.)
        assertThatThrownBy(() -> sentence.result().get(5, TimeUnit.SECONDS))
                .cause()
                .isInstanceOf(SpeechException.class)
                .hasMessageContaining("stage 3 of 21")
                .hasMessageContaining("exited with code 137 (signal 9) during the request")
                .hasMessageNotContaining("no reply within")
                .hasMessageContaining("pipeline restarted");
        assertThat(translator.faults()).isEqualTo(before + 1);
        assertThat(translator.translate("thank you very much", "en", "fr")).containsIgnoringCase("merci");
    }

    @Test
    void anInterruptedSentenceLeavesTheNextOneItsOwnReply() throws Exception {
        long before = translator.faults();
        List<ProcessHandle> old = translator.processes("en", "fr");
        signal("-STOP", old.get(10));
        InFlight sentence = inFlight("good morning");

        sentence.caller().interrupt();

        assertThatThrownBy(() -> sentence.result().get(5, TimeUnit.SECONDS))
                .cause()
                .isInstanceOf(SpeechException.class)
                .hasMessage("apertium en->fr: interrupted while translating");
        await().atMost(Duration.ofSeconds(5)).until(() -> old.stream().noneMatch(ProcessHandle::isAlive));
        assertThat(translator.translate("thank you very much", "en", "fr"))
                .containsIgnoringCase("merci")
                .doesNotContainIgnoringCase("bonjour");
        assertThat(translator.faults()).isEqualTo(before);
    }

    @Test
    void closingLeavesNoProcessBehind() throws SpeechException {
        ApertiumTranslator other = ApertiumTranslator.start(ApertiumSettings.DEFAULT, (e, m, r) -> {});
        List<ProcessHandle> processes = new ArrayList<>(other.processes("en", "fr"));
        processes.addAll(other.processes("fr", "en"));
        assertThat(processes).hasSize(41).allMatch(ProcessHandle::isAlive);

        other.close();

        assertThat(processes).noneMatch(ProcessHandle::isAlive);
        assertThat(ProcessHandle.current().descendants().map(ProcessHandle::pid))
                .doesNotContainAnyElementsOf(
                        processes.stream().map(ProcessHandle::pid).toList());
        assertThatThrownBy(() -> other.translate("good morning", "en", "fr"))
                .isInstanceOf(SpeechException.class)
                .hasMessageContaining("closed");
    }

    /** Starts translating {@code text} on another thread; returns once the request waits in the chain for its reply. */
    private static InFlight inFlight(String text) {
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                result.complete(translator.translate(text, "en", "fr"));
            } catch (SpeechException e) {
                result.completeExceptionally(e);
            }
        });
        caller.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> caller.getState() == Thread.State.TIMED_WAITING);
        return new InFlight(caller, result);
    }

    private record InFlight(Thread caller, CompletableFuture<String> result) {}

    private static void signal(String signal, ProcessHandle process) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid()))
                .inheritIO()
                .start();
        assertThat(kill.waitFor()).isZero();
    }
}
