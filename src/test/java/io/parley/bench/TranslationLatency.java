package io.parley.bench;

import io.parley.bridge.RtpTestPeer;
import io.parley.bridge.TranslationRig;
import io.parley.event.UtteranceEvent;
import io.parley.speech.SpeechCorpus;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The translation latency benchmark (issue 4): English sentences from the phone corpus,
 * synthesised by flite, sent as 8 kHz ulaw RTP into K translation bridges at once (ExternalMedia
 * legs, real engines); for each utterance, the time from the last voiced frame the caller sent to
 * the first frame of translated audio the listener received, and each stage's share.
 *
 * <p>Run: {@code ./build measure io.parley.bench.TranslationLatency [--bridges K] [--sentences N]
 * [--end-of-speech MS]}
 */
public final class TranslationLatency {
    private static final int BASE_PORT = 18000;

    record Sample(int bridge, String sentence, long endToEndMillis, UtteranceEvent.Times times, String text,
                  String translation) {
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
                    """.formatted(b, endOfSpeech > 0 ? "    translation: {endOfSpeechMs: " + endOfSpeech + "}\n" : "",
                    b, p, p + 1, b, p + 2, p + 3));
        }
        List<String> corpus = SpeechCorpus.sentences().subList(0, sentences);
        System.out.printf("translation latency: %d bridge(s) speaking at once, %d sentences each, end of speech after %s%n",
                bridges, sentences, endOfSpeech > 0 ? endOfSpeech + " ms of silence" : "the default silence");
        List<short[]> speech = new ArrayList<>();
        for (String s : corpus) {
            speech.add(RtpTestPeer.speech(s, "en", 8000));
        }
        List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
        try (TranslationRig rig = new TranslationRig(yaml.toString(), TranslationRig.engines());
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<RtpTestPeer[]> peers = new ArrayList<>();
            for (int b = 0; b < bridges; b++) {
                RtpTestPeer en = new RtpTestPeer("ulaw", 0);
                RtpTestPeer fr = new RtpTestPeer("ulaw", 0);
                fr.silence(100, port(BASE_PORT + 4 * b + 2));
                peers.add(new RtpTestPeer[] {en, fr});
            }
            for (int i = 0; i < corpus.size(); i++) {
                int sentence = i;
                List<Future<?>> speaking = new ArrayList<>();
                for (int b = 0; b < bridges; b++) {
                    int bridge = b;
                    speaking.add(pool.submit(() -> {
                        measure(rig, peers.get(bridge), bridge, corpus.get(sentence), speech.get(sentence), samples);
                        return null;
                    }));
                }
                for (Future<?> f : speaking) {
                    f.get();
                }
                System.out.printf("  %2d/%d %s%n", i + 1, corpus.size(), corpus.get(i));
            }
            for (RtpTestPeer[] p : peers) {
                p[0].close();
                p[1].close();
            }
        }
        report(samples, bridges);
        System.exit(0);
    }

    private static void measure(TranslationRig rig, RtpTestPeer[] peers, int bridge, String sentence, short[] speech,
                                List<Sample> samples) throws Exception {
        String direction = "7%03d->8%03d".formatted(bridge, bridge);
        int before = (int) rig.utterances().stream().filter(TranslationRig.finished(direction)).count();
        long[] sent = peers[0].play(Arrays.copyOf(speech, speech.length + 8000 * 2), port(BASE_PORT + 4 * bridge));
        long speechEnd = sent[RtpTestPeer.lastLoudFrame(speech, 8000, -40)] + 20_000_000L;
        try {
            rig.await(u -> TranslationRig.finished(direction).test(u)
                    && rig.utterances().stream().filter(TranslationRig.finished(direction)).count() > before,
                    Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            System.out.println("    bridge " + bridge + ": no utterance finished: " + e.getMessage());
            return;
        }
        UtteranceEvent last = rig.utterances().stream().filter(TranslationRig.finished(direction))
                .reduce((a, b) -> b).orElseThrow();
        long heard = peers[1].firstLoudAfter(speechEnd + 60_000_000L, -40);
        long e2e = heard < 0 ? -1 : (heard - speechEnd) / 1_000_000;
        samples.add(new Sample(bridge, sentence, e2e, last.times(), last.finalText(), last.translation()));
        Thread.sleep(500); // a pause between turns, as in a conversation
    }

    private static void report(List<Sample> samples, int bridges) {
        List<Sample> ok = samples.stream().filter(s -> s.endToEndMillis() >= 0 && s.times().playoutStart() > 0).toList();
        System.out.printf("%nutterances measured: %d of %d sentences x %d bridges%n", ok.size(),
                samples.size() / Math.max(1, bridges), bridges);
        long[] e2e = ok.stream().mapToLong(Sample::endToEndMillis).sorted().toArray();
        long[] stt = ok.stream().mapToLong(s -> s.times().sttFinal() - s.times().speechEnd()).sorted().toArray();
        long[] mt = ok.stream().mapToLong(s -> s.times().mtDone() - s.times().sttFinal()).sorted().toArray();
        long[] tts = ok.stream().mapToLong(s -> s.times().ttsFirstAudio() - s.times().mtDone()).sorted().toArray();
        long[] queue = ok.stream().mapToLong(s -> s.times().playoutStart() - s.times().ttsFirstAudio()).sorted().toArray();
        System.out.println("| measure | p50 ms | p95 ms | max ms |");
        System.out.println("|---|---:|---:|---:|");
        row("end of speech -> first translated audio heard (RTP peer)", e2e);
        row("  endpointing + recognition final (speech end -> STT final)", stt);
        row("  translation (STT final -> MT done)", mt);
        row("  synthesis (MT done -> TTS audio)", tts);
        row("  playout wait (TTS audio -> first frame sent)", queue);
        long failed = samples.size() - ok.size();
        System.out.printf("%nnot translated or not heard: %d%n", failed);
        ok.stream().limit(8).forEach(s -> System.out.printf("  %s -> %s%n", s.text(), s.translation()));
    }

    private static void row(String name, long[] sorted) {
        System.out.printf("| %s | %d | %d | %d |%n", name, percentile(sorted, 0.5), percentile(sorted, 0.95),
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

    private static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
