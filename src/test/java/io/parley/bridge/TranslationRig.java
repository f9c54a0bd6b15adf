package io.parley.bridge;

import io.parley.config.ConfigException;
import io.parley.config.ConfigLoader;
import io.parley.config.EngineSettings;
import io.parley.config.ParleyConfig;
import io.parley.event.EngineFault;
import io.parley.event.EngineStatus;
import io.parley.event.EventBus;
import io.parley.event.ParleyEvent;
import io.parley.event.Subscription;
import io.parley.event.UtteranceEvent;
import io.parley.media.MediaClock;
import io.parley.media.UdpReactor;
import io.parley.speech.Availability;
import io.parley.speech.SpeechRecognizer;
import io.parley.speech.SpeechServices;
import io.parley.speech.Synthesizer;
import io.parley.speech.Translator;
import io.parley.speech.engines.SpeechEngines;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * A translation bridge (or several) built from YAML with real engines, real sockets and the
 * real media clock, and every event it publishes, for the translation tests.
 */
public final class TranslationRig implements AutoCloseable {
    private static SpeechEngines shared;

    final EventBus bus = new EventBus();
    final List<ParleyEvent> events = new CopyOnWriteArrayList<>();
    private final Subscription subscription = bus.subscribe("rig", 100_000);
    private final Thread collector;
    private final MediaClock clock = new MediaClock();
    private final UdpReactor reactor = new UdpReactor("rig", 1);
    private final BridgeHost host;

    /** The offline engines from Debian, started once for all tests of the JVM. */
    public static synchronized SpeechEngines engines() {
        if (shared == null) {
            shared = new SpeechEngines(EngineSettings.DEFAULT, (engine, message, restarted) -> {}, Map.of());
        }
        return shared;
    }

    /**
     * The shared offline engines with the recogniser of each language chosen by {@code recognizer}
     * (another language's model, or a real recogniser wrapped to misbehave); translators and
     * synthesisers stay the shared engines'.
     */
    public static SpeechServices recognizing(Function<String, Availability<SpeechRecognizer>> recognizer) {
        return new SpeechServices() {
            @Override
            public Availability<SpeechRecognizer> recognizer(String language) {
                return recognizer.apply(language);
            }

            @Override
            public Availability<Translator> translator(String from, String to) {
                return engines().translator(from, to);
            }

            @Override
            public Availability<Synthesizer> synthesizer(String language) {
                return engines().synthesizer(language);
            }
        };
    }

    public TranslationRig(String yaml, SpeechServices speech) throws IOException, ConfigException {
        ParleyConfig config = new ConfigLoader(Map.of()).parse(yaml, "rig.yaml");
        collector = Thread.ofPlatform().daemon().start(() -> {
            try {
                while (true) {
                    ParleyEvent e = subscription.poll(100, TimeUnit.MILLISECONDS);
                    if (e != null) {
                        events.add(e);
                    }
                }
            } catch (InterruptedException e) {
                // closed
            }
        });
        host = BridgeHost.start(
                config,
                new Role.All(),
                clock,
                (port, r) -> reactor.bind(new InetSocketAddress("127.0.0.1", port), r),
                bus,
                speech,
                LegFactory.NONE);
        try {
            if (!host.awaitEngines(Duration.ofMinutes(2))) {
                throw new IllegalStateException("speech engines did not start within 2 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static InetSocketAddress port(int port) {
        return new InetSocketAddress("127.0.0.1", port);
    }

    /** Waits for an utterance event matching {@code wanted}. */
    public UtteranceEvent await(Predicate<UtteranceEvent> wanted, Duration atMost) {
        Awaitility.await()
                .atMost(atMost)
                .pollInterval(Duration.ofMillis(50))
                .alias("utterance events so far: " + utterances())
                .until(() -> utterances().stream().anyMatch(wanted));
        return utterances().stream().filter(wanted).findFirst().orElseThrow();
    }

    public static Predicate<UtteranceEvent> finished(String direction) {
        return u -> u.direction().equals(direction)
                && (u.stage() == UtteranceEvent.Stage.PLAYED
                        || u.stage() == UtteranceEvent.Stage.DROPPED
                        || u.stage() == UtteranceEvent.Stage.FAILED);
    }

    public List<UtteranceEvent> utterances() {
        return events.stream()
                .filter(UtteranceEvent.class::isInstance)
                .map(UtteranceEvent.class::cast)
                .filter(u -> u.stage() != UtteranceEvent.Stage.PARTIAL)
                .toList();
    }

    public List<EngineStatus> statuses() {
        return events.stream()
                .filter(EngineStatus.class::isInstance)
                .map(EngineStatus.class::cast)
                .toList();
    }

    public List<EngineFault> faults() {
        return events.stream()
                .filter(EngineFault.class::isInstance)
                .map(EngineFault.class::cast)
                .toList();
    }

    @Override
    public void close() {
        host.close();
        reactor.close();
        clock.close();
        collector.interrupt();
        subscription.close();
    }
}
