package io.parley.speech.apertium;

import io.parley.speech.SpeechException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Real stage processes killed and stopped under a running translator. */
class ApertiumSupervisionTest {

    private static final Duration TIMEOUT = Duration.ofMillis(1500);
    private static final List<String> faults = new CopyOnWriteArrayList<>();
    private static ApertiumTranslator translator;

    @BeforeAll
    static void start() throws SpeechException {
        ApertiumSettings settings = new ApertiumSettings(ApertiumSettings.DEBIAN_MODES, List.of(ApertiumRoute.EN_FR),
                TIMEOUT, Duration.ofSeconds(20));
        translator = ApertiumTranslator.start(settings,
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
        assertThat(faults).singleElement().asString()
                .contains("stage 5 of 21", "pid " + victim.pid(), "exited with code 137 (signal 9)", "between requests",
                        "pipeline restarted", "restarted=true");
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
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(TIMEOUT, TIMEOUT.plusSeconds(3));

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
        AtomicReference<Thread> caller = new AtomicReference<>();
        CompletableFuture<String> sentence = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                sentence.complete(translator.translate("good morning", "en", "fr"));
            } catch (SpeechException e) {
                sentence.completeExceptionally(e);
            }
        });
        caller.set(thread);
        thread.start();
        // Waiting for the reply, with the request written into the stopped chain.
        await().atMost(Duration.ofSeconds(1)).until(() -> thread.getState() == Thread.State.TIMED_WAITING);

        long killedAt = System.nanoTime();
        victim.destroyForcibly();

        assertThatThrownBy(() -> sentence.get(5, TimeUnit.SECONDS))
                .cause()
                .isInstanceOf(SpeechException.class)
                .hasMessageContaining("stage 3 of 21")
                .hasMessageContaining("exited with code 137 (signal 9) during the request")
                .hasMessageContaining("pipeline restarted");
        assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isLessThan(TIMEOUT);
        assertThat(translator.faults()).isEqualTo(before + 1);
        assertThat(translator.translate("thank you very much", "en", "fr")).containsIgnoringCase("merci");
    }

    @Test
    void closingLeavesNoProcessBehind() throws SpeechException {
        ApertiumTranslator other = ApertiumTranslator.start(ApertiumSettings.DEFAULT, (e, m, r) -> { });
        List<ProcessHandle> processes = new java.util.ArrayList<>(other.processes("en", "fr"));
        processes.addAll(other.processes("fr", "en"));
        assertThat(processes).hasSize(41).allMatch(ProcessHandle::isAlive);

        other.close();

        assertThat(processes).noneMatch(ProcessHandle::isAlive);
        assertThat(ProcessHandle.current().descendants().map(ProcessHandle::pid))
                .doesNotContainAnyElementsOf(processes.stream().map(ProcessHandle::pid).toList());
        assertThatThrownBy(() -> other.translate("good morning", "en", "fr"))
                .isInstanceOf(SpeechException.class)
                .hasMessageContaining("closed");
    }

    private static void signal(String signal, ProcessHandle process) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
    }
}
