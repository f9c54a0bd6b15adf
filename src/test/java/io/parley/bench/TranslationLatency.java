package io.parley.bench;

import io.parley.audio.AudioClip;
import io.parley.audio.WavFile;
import io.parley.bridge.TranslationRig;
import io.parley.config.ConfigLoader;
import io.parley.config.ParleyConfig;
import io.parley.event.EngineFault;
import io.parley.event.UtteranceEvent;
import io.parley.speech.BridgePath;
import io.parley.speech.HumanSpeech;
import io.parley.speech.SpeechCorpus;
import io.parley.speech.WordErrorRate;
import io.parley.speech.WordErrorRate.Score;
import io.parley.speech.engines.SpeechEngines;
import io.parley.testing.RtpTestPeer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The translation latency benchmark (issues 4 and 11): English speech sent as 8 kHz ulaw RTP into
 * K translation bridges at once (ExternalMedia legs, real engines), every bridge's caller saying
 * the same thing at the same moment (the worst case); for each turn, the time from the last voiced
 * frame the caller sent to the first loud frame of its translation the listener received, each
 * stage's share, and the word error rate of what the bridges recognised.
 *
 * <p>The speech is either flite's (the phone corpus, default) or a human voice ({@code --human}:
 * the development set of {@link HumanSpeech}, the half given by {@code --set A|B}, or both; N
 * recordings spread evenly over it). A recording the endpointer cuts into several utterances (a
 * pause between sentences) counts as one turn: its text is all of them, its latency that of the
 * last one, whose translation is told from earlier ones by the bridge's own playout time.
 *
 * <p>Run: {@code ./build measure io.parley.bench.TranslationLatency [--bridges K] [--sentences N]
 * [--end-of-speech MS] [--human [--set A|B]]}
 */
public final class TranslationLatency {
    private static final int BASE_PORT = 18000;

    record Sample(
            int bridge,
            String sentence,
            long endToEndMillis,
            UtteranceEvent.Times times,
            String text,
            String translation,
            Score score) {}

    /** One turn of the caller: what they say, as 8 kHz samples, and how many utterances the bridge will hear. */
    record Turn(String text, short[] speech, int utterances) {}

    private static List<Turn> turns(String[] args, int count) throws Exception {
        List<Turn> turns = new ArrayList<>();
        if (!hasFlag(args, "--human")) {
            for (String s : SpeechCorpus.sentences().subList(0, count)) {
                turns.add(new Turn(s, RtpTestPeer.speech(s, "en", 8000), 1));
            }
            return turns;
        }
        String set = stringArg(args, "--set", "all");
        List<HumanSpeech.Recording> recordings =
                set.equals("all") ? HumanSpeech.developmentSet() : HumanSpeech.half(HumanSpeech.Half.valueOf(set));
        int n = Math.min(count, recordings.size());
        for (int i = 0; i < n; i++) {
            HumanSpeech.Recording r = recordings.get(i * recordings.size() / n);
            AudioClip clip = WavFile.read(r.file());
            turns.add(new Turn(
                    r.text(),
                    BridgePath.phone(clip),
                    BridgePath.utterances(clip).size()));
        }
        return turns;
    }

    public static void main(String[] args) throws Exception {
        int bridges = intArg(args, "--bridges", 1);
        int sentences = intArg(args, "--sentences", 24);
        int endOfSpeech = intArg(args, "--end-of-speech", 0); // 0: the configuration's default
        StringBuilder yaml = new StringBuilder("bridges:\n");
        for (int b = 0; b < bridges; b++) {
            int p = BASE_PORT + 4 * b;
            yaml.append("""
                      - name: t%d
                        mode: translate
                        topology: externalmedia
                    %s    legs:
                          - {extension: "7%03d", language: en, codec: ulaw, externalMedia: {media: %d, translated: %d}}
                          - {extension: "8%03d", language: fr, codec: ulaw, externalMedia: {media: %d, translated: %d}}
                    """.formatted(
                            b,
                            endOfSpeech > 0 ? "    translation: {endOfSpeechMs: " + endOfSpeech + "}\n" : "",
                            b,
                            p,
                            p + 1,
                            b,
                            p + 2,
                            p + 3));
        }
        List<Turn> corpus = turns(args, sentences);
        System.out.printf(
                "translation latency: %d bridge(s) speaking at once, %d %s each, end of speech after %s%n",
                bridges,
                corpus.size(),
                hasFlag(args, "--human")
                        ? "human recordings (" + stringArg(args, "--set", "all") + ")"
                        : "flite sentences",
                endOfSpeech > 0 ? endOfSpeech + " ms of silence" : "the default silence");
        List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
        // The engines as parley run makes them for this plan: a decoder loaded up front for each caller.
        ParleyConfig plan = new ConfigLoader(Map.of()).parse(yaml.toString(), "translation-latency");
        try (SpeechEngines engines =
                        new SpeechEngines(plan.engines(), (engine, message, restarted) -> {}, plan.speakers());
                TranslationRig rig = new TranslationRig(yaml.toString(), engines);
                ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<RtpTestPeer[]> peers = new ArrayList<>();
            for (int b = 0; b < bridges; b++) {
                RtpTestPeer en = new RtpTestPeer("ulaw", 0);
                RtpTestPeer fr = new RtpTestPeer("ulaw", 0);
                // The French caller's phone sends silence all along, as a phone does: a leg without
                // signalling takes a caller who sent nothing for 10 s as gone, and drops what was to
                // be played to them. Four minutes at a time until the peer is closed at the end.
                InetSocketAddress frenchLeg = port(BASE_PORT + 4 * b + 2);
                Thread.ofVirtual().name("french phone " + b).start(() -> {
                    try {
                        while (true) {
                            fr.silence(4 * 60_000, frenchLeg);
                        }
                    } catch (IOException e) {
                        // the peer was closed at the end of the run
                    }
                });
                peers.add(new RtpTestPeer[] {en, fr});
            }
            // One turn on every bridge first, not measured: the recogniser loads a decoder per
            // simultaneous utterance beyond its warm ones (about half a second each) and keeps it.
            List<Sample> warmUp = Collections.synchronizedList(new ArrayList<>());
            List<Future<?>> warming = new ArrayList<>();
            for (int b = 0; b < bridges; b++) {
                int bridge = b;
                warming.add(pool.submit(() -> {
                    measure(rig, peers.get(bridge), bridge, corpus.getFirst(), warmUp);
                    return null;
                }));
            }
            for (Future<?> f : warming) {
                f.get();
            }
            for (int i = 0; i < corpus.size(); i++) {
                int sentence = i;
                List<Future<?>> speaking = new ArrayList<>();
                for (int b = 0; b < bridges; b++) {
                    int bridge = b;
                    speaking.add(pool.submit(() -> {
                        measure(rig, peers.get(bridge), bridge, corpus.get(sentence), samples);
                        return null;
                    }));
                }
                for (Future<?> f : speaking) {
                    f.get();
                }
                System.out.printf(
                        "  %2d/%d %s%n", i + 1, corpus.size(), corpus.get(i).text());
            }
            for (RtpTestPeer[] p : peers) {
                p[0].close();
                p[1].close();
            }
            long behind =
                    rig.faults().stream().mapToLong(EngineFault::framesLost).sum();
            System.out.printf("frames dropped unrecognised (a recogniser fell behind): %d%n", behind);
        }
        report(samples, bridges);
        System.exit(0);
    }

    private static void measure(TranslationRig rig, RtpTestPeer[] peers, int bridge, Turn turn, List<Sample> samples)
            throws Exception {
        String direction = "7%03d->8%03d".formatted(bridge, bridge);
        long before = rig.utterances().stream()
                .filter(TranslationRig.finished(direction))
                .mapToLong(UtteranceEvent::id)
                .max()
                .orElse(0);
        long[] sent = peers[0].play(
                Arrays.copyOf(turn.speech(), turn.speech().length + 8000 * 2), port(BASE_PORT + 4 * bridge));
        long speechEnd = sent[RtpTestPeer.lastLoudFrame(turn.speech(), 8000, -40)] + 20_000_000L;
        try {
            rig.await(u -> ended(rig, direction, before).size() >= turn.utterances(), Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            if (ended(rig, direction, before).isEmpty()) {
                System.out.println("    bridge " + bridge + ": no utterance finished: " + e.getMessage());
                return;
            }
        }
        List<UtteranceEvent> ended = ended(rig, direction, before);
        UtteranceEvent last = ended.getLast();
        String text = String.join(
                " ",
                ended.stream()
                        .map(UtteranceEvent::finalText)
                        .filter(t -> !t.isBlank())
                        .toList());
        String translation = String.join(
                " ",
                ended.stream()
                        .map(UtteranceEvent::translation)
                        .filter(t -> !t.isBlank())
                        .toList());
        // The last utterance's translation: not an earlier one still playing when the caller stopped.
        long lastPlayout = last.times().playoutStart() == 0
                ? 0
                : last.times().playoutStart() * 1_000_000L - EPOCH_OFFSET_NANOS - 10_000_000L;
        long heard = peers[1].firstLoudAfter(Math.max(speechEnd + 60_000_000L, lastPlayout), -40);
        long e2e = heard < 0 ? -1 : (heard - speechEnd) / 1_000_000;
        samples.add(new Sample(
                bridge, turn.text(), e2e, last.times(), text, translation, WordErrorRate.score(turn.text(), text)));
        Thread.sleep(500); // a pause between turns, as in a conversation
    }

    /** Epoch milliseconds * 1e6 minus this, is {@link System#nanoTime()} (to a millisecond). */
    private static final long EPOCH_OFFSET_NANOS = System.currentTimeMillis() * 1_000_000L - System.nanoTime();

    /** The utterances of {@code direction} that ended after utterance {@code after}, in order. */
    private static List<UtteranceEvent> ended(TranslationRig rig, String direction, long after) {
        return rig.utterances().stream()
                .filter(TranslationRig.finished(direction))
                .filter(u -> u.id() > after)
                .sorted(Comparator.comparingLong(UtteranceEvent::id))
                .toList();
    }

    private static void report(List<Sample> samples, int bridges) {
        List<Sample> ok = samples.stream()
                .filter(s -> s.endToEndMillis() >= 0 && s.times().playoutStart() > 0)
                .toList();
        System.out.printf(
                "%nutterances measured: %d of %d sentences x %d bridges%n",
                ok.size(), samples.size() / Math.max(1, bridges), bridges);
        long[] e2e = ok.stream().mapToLong(Sample::endToEndMillis).sorted().toArray();
        long[] stt = ok.stream()
                .mapToLong(s -> s.times().sttFinal() - s.times().speechEnd())
                .sorted()
                .toArray();
        long[] mt = ok.stream()
                .mapToLong(s -> s.times().mtDone() - s.times().sttFinal())
                .sorted()
                .toArray();
        long[] tts = ok.stream()
                .mapToLong(s -> s.times().ttsFirstAudio() - s.times().mtDone())
                .sorted()
                .toArray();
        long[] queue = ok.stream()
                .mapToLong(s -> s.times().playoutStart() - s.times().ttsFirstAudio())
                .sorted()
                .toArray();
        System.out.println("| measure | p50 ms | p95 ms | max ms |");
        System.out.println("|---|---:|---:|---:|");
        row("end of speech -> first translated audio heard (RTP peer)", e2e);
        row("  endpointing + recognition final (speech end -> STT final)", stt);
        row("  translation (STT final -> MT done)", mt);
        row("  synthesis (MT done -> TTS audio)", tts);
        row("  playout wait (TTS audio -> first frame sent)", queue);
        long failed = samples.size() - ok.size();
        System.out.printf("%nnot translated or not heard: %d%n", failed);
        Score words = samples.stream().map(Sample::score).reduce(new Score(0, 0), Score::plus);
        System.out.printf(
                "word error rate of what the bridges recognised: %.1f%% (%d errors / %d words)%n",
                100 * words.rate(), words.errors(), words.words());
        ok.stream().limit(8).forEach(s -> System.out.printf("  %s -> %s%n", s.text(), s.translation()));
    }

    private static void row(String name, long[] sorted) {
        System.out.printf(
                "| %s | %d | %d | %d |%n",
                name,
                percentile(sorted, 0.5),
                percentile(sorted, 0.95),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1]);
    }

    private static long percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    private static InetSocketAddress port(int p) {
        return new InetSocketAddress("127.0.0.1", p);
    }

    private static boolean hasFlag(String[] args, String name) {
        return Arrays.asList(args).contains(name);
    }

    private static String stringArg(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
