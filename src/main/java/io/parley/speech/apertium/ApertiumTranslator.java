package io.parley.speech.apertium;

import io.parley.speech.EngineFaultListener;
import io.parley.speech.SpeechException;
import io.parley.speech.TranscriptFormatter;
import io.parley.speech.Translator;
import io.parley.speech.process.EngineText;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.stream.Collectors;

/**
 * Apertium with one persistent pipeline per route: all the stages of a route's modes in one
 * chain of processes (en->fr is the eleven stages of {@code eng-spa} followed by the ten of
 * {@code es-fr}), so a sentence costs a few milliseconds instead of the ~230 ms of starting
 * {@code apertium} twice.
 *
 * <p>A sentence is first given capitals and end punctuation ({@link TranscriptFormatter}: a
 * recogniser's lowercase {@code i} is an unknown word to Apertium), then escaped into Apertium's
 * stream format, translated, and unescaped. Unknown words come out as they went in, unmarked.
 *
 * <p>Faults: a stage that dies or a sentence without a reply within the timeout restarts that
 * route's pipeline; the sentence in flight fails with a {@link SpeechException}, the next one is
 * translated; {@link #faults()} counts them and the listener hears of each.
 *
 * <p>Thread-safe. Sentences of one route are translated one at a time; routes run in parallel.
 */
public final class ApertiumTranslator implements Translator {

    private static final String PROBE = "OK.";

    private final Map<String, SupervisedPipeline> pipelines;
    private final String description;

    private ApertiumTranslator(Map<String, SupervisedPipeline> pipelines, String description) {
        this.pipelines = pipelines;
        this.description = description;
    }

    /**
     * Reads the modes of every route, starts their pipelines and checks each translates a word.
     *
     * @throws SpeechException naming the missing mode file, program or data file, or the stage
     *                         that failed; nothing is left running
     */
    public static ApertiumTranslator start(ApertiumSettings settings, EngineFaultListener faults)
            throws SpeechException {
        String description = "apertium("
                + settings.routes().stream()
                        .map(r -> r.name() + " via " + String.join("+", r.modes()))
                        .collect(Collectors.joining(", "))
                + ")";
        Map<String, List<Stage>> stagesOfRoute = new LinkedHashMap<>();
        for (ApertiumRoute route : settings.routes()) {
            List<Stage> stages = new ArrayList<>();
            for (String mode : route.modes()) {
                stages.addAll(ApertiumMode.read(settings.modesDir(), mode).stages());
            }
            stagesOfRoute.put(route.name(), stages);
        }
        // Routes start in parallel: loading the dictionaries is most of the start-up time.
        Map<String, FutureTask<SupervisedPipeline>> starting = new LinkedHashMap<>();
        stagesOfRoute.forEach((route, stages) -> {
            FutureTask<SupervisedPipeline> task = new FutureTask<>(() -> SupervisedPipeline.start(
                    route,
                    description,
                    stages,
                    settings.timeout(),
                    settings.startTimeout(),
                    StreamText.deformat(PROBE),
                    faults));
            Thread.ofVirtual().name("apertium-start-" + route).start(task);
            starting.put(route, task);
        });
        Map<String, SupervisedPipeline> pipelines = new LinkedHashMap<>();
        SpeechException failure = null;
        boolean interrupted = false;
        for (var entry : starting.entrySet()) {
            // Every start is bounded by startTimeout; wait for all so that none is left running unseen.
            while (true) {
                try {
                    pipelines.put(entry.getKey(), entry.getValue().get());
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof SpeechException se
                                ? se
                                : new SpeechException(
                                        description + ": cannot start " + entry.getKey() + ": " + e.getCause(),
                                        e.getCause());
                    }
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
            failure = failure != null ? failure : new SpeechException(description + ": interrupted while starting");
        }
        if (failure != null) {
            pipelines.values().forEach(SupervisedPipeline::close);
            throw failure;
        }
        return new ApertiumTranslator(Collections.unmodifiableMap(pipelines), description);
    }

    @Override
    public String translate(String text, String from, String to) throws SpeechException {
        if (from.equals(to)) {
            return text;
        }
        SupervisedPipeline pipeline = pipelines.get(from + "->" + to);
        if (pipeline == null) {
            throw new SpeechException(description + ": no route " + from + "->" + to + "; routes: "
                    + String.join(", ", pipelines.keySet()));
        }
        String sentence = TranscriptFormatter.format(EngineText.clean(description, text), from);
        if (sentence.isEmpty()) {
            return "";
        }
        return StreamText.reformat(pipeline.exchange(StreamText.deformat(sentence)), to);
    }

    /** Faults of all routes since start: stages that died, sentences that timed out. */
    public long faults() {
        return pipelines.values().stream().mapToLong(SupervisedPipeline::faults).sum();
    }

    /** The processes of route {@code from->to}, first stage first: a hook for tests that kill or stop one. */
    List<ProcessHandle> processes(String from, String to) {
        return pipelines.get(from + "->" + to).processes();
    }

    @Override
    public String describe() {
        return description;
    }

    /** Stops every stage process of every route. */
    @Override
    public void close() {
        pipelines.values().forEach(SupervisedPipeline::close);
    }
}
