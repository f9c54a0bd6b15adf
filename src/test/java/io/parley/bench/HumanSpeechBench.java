package io.parley.bench;

import io.parley.audio.AudioClip;
import io.parley.audio.WavFile;
import io.parley.speech.BridgePath;
import io.parley.speech.HumanSpeech;
import io.parley.speech.HumanSpeech.Half;
import io.parley.speech.HumanSpeech.Recording;
import io.parley.speech.HumanSpeechRun;
import io.parley.speech.HumanSpeechRun.Prepared;
import io.parley.speech.HumanSpeechRun.Result;
import io.parley.speech.RecognitionRun;
import io.parley.speech.SpeechCorpus;
import io.parley.speech.WordErrorRate;
import io.parley.speech.WordErrorRate.Score;
import io.parley.speech.pocketsphinx.PocketSphinxModel;
import io.parley.speech.pocketsphinx.PocketSphinxRecognizer;
import io.parley.speech.pocketsphinx.PocketSphinxSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Word error rate of the English recogniser on the human development set (issue 11), on each
 * half separately, through the bridge's own audio path ({@link BridgePath}: mu-law, parley's
 * resampler, parley's endpointer), for pocketsphinx option variants; optionally also on the
 * synthetic phone corpus. Run:
 *
 * <pre>
 * ./build measure io.parley.bench.HumanSpeechBench [--synthetic] [--verbose] VARIANT...
 * ./build measure io.parley.bench.HumanSpeechBench --dump DIR    (the halves' audio for adaptation)
 * ./build measure io.parley.bench.HumanSpeechBench --held-out     (the shipped settings, once, on the held-out recordings)
 * </pre>
 * A VARIANT is {@code shipped} or the shipped options with changes, written
 * {@code name:key=value;key=value;-key} ({@code -key} removes an option), e.g.
 * {@code lw6.5:lw=6.5} or {@code nomllr:-mllr}; {@code hmm=DIR} replaces the acoustic model.
 * Each half runs on its own one-decoder recogniser (recordings in name order, so the cepstral mean
 * carried from one to the next is the same on every run), both halves at once.
 */
public final class HumanSpeechBench {

    private HumanSpeechBench() {}

    record Variant(String name, Map<String, String> options) {
        static Variant parse(String spec) {
            int colon = spec.indexOf(':');
            String name = colon < 0 ? spec : spec.substring(0, colon);
            Map<String, String> options = new LinkedHashMap<>(PocketSphinxSettings.PHONE_OPTIONS);
            if (colon >= 0) {
                for (String change : spec.substring(colon + 1).split(";")) {
                    if (change.isBlank()) {
                        continue;
                    }
                    if (change.startsWith("-")) {
                        options.remove(change.substring(1));
                    } else {
                        int eq = change.indexOf('=');
                        options.put(change.substring(0, eq), change.substring(eq + 1));
                    }
                }
            }
            return new Variant(name, options);
        }
    }

    public static void main(String[] args) throws Exception {
        if (!HumanSpeech.available()) {
            System.err.println("the development set is missing: apt-get install " + HumanSpeech.PACKAGE);
            System.exit(2);
        }
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        if (rest.size() == 2 && rest.get(0).equals("--dump")) {
            dump(Path.of(rest.get(1)));
            return;
        }
        if (rest.equals(List.of("--held-out"))) {
            heldOut();
            return;
        }
        boolean synthetic = rest.remove("--synthetic");
        boolean verbose = rest.remove("--verbose");
        if (rest.isEmpty()) {
            rest.add("shipped");
        }
        Map<Half, List<Prepared>> halves = new LinkedHashMap<>();
        for (Half half : Half.values()) {
            halves.put(half, HumanSpeechRun.prepare(half));
        }
        System.out.printf(
                Locale.ROOT,
                "development set: A %d recordings / %d words, B %d / %d%n",
                halves.get(Half.A).size(),
                words(halves.get(Half.A)),
                halves.get(Half.B).size(),
                words(halves.get(Half.B)));
        for (String spec : rest) {
            Variant variant = Variant.parse(spec);
            Map<String, String> options = new LinkedHashMap<>(variant.options());
            String hmm = options.remove("hmm");
            PocketSphinxModel debian = PocketSphinxModel.DEBIAN_EN_US;
            PocketSphinxSettings settings = PocketSphinxSettings.phone()
                    .withOptions(options)
                    .withDecoders(1, 1)
                    .withModel(
                            hmm == null
                                    ? debian
                                    : new PocketSphinxModel(Path.of(hmm), debian.dictionary(), debian.languageModel()));
            List<Result> results = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
                List<Future<Result>> futures = new ArrayList<>();
                for (Map.Entry<Half, List<Prepared>> half : halves.entrySet()) {
                    futures.add(pool.submit(() -> {
                        try (PocketSphinxRecognizer recognizer = PocketSphinxRecognizer.open(settings)) {
                            return HumanSpeechRun.run(recognizer, half.getKey(), half.getValue());
                        }
                    }));
                }
                for (Future<Result> f : futures) {
                    results.add(f.get());
                }
            }
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-28s", variant.name()));
            Score all = new Score(0, 0);
            double cpu = 0;
            double audio = 0;
            List<Long> finish = new ArrayList<>();
            for (Result r : results) {
                if (verbose) {
                    System.out.print(r.table());
                }
                line.append(String.format(
                        Locale.ROOT,
                        " %s %5.1f%% (%3d/%3d)",
                        r.half(),
                        100 * r.score().rate(),
                        r.score().errors(),
                        r.score().words()));
                all = all.plus(r.score());
                cpu += r.cpuSeconds();
                audio += r.audioSeconds();
                finish.addAll(r.finishCpuMicros());
            }
            finish.sort(null);
            line.append(String.format(
                    Locale.ROOT,
                    "  both %5.1f%%  RTF(CPU) %.3f  finish CPU p50 %d p95 %d ms",
                    100 * all.rate(),
                    cpu / audio,
                    finish.get(finish.size() / 2) / 1000,
                    finish.get((int) Math.ceil(finish.size() * 0.95) - 1) / 1000));
            if (synthetic) {
                RecognitionRun.Summary s = RecognitionRun.runPerVoice(
                        () -> PocketSphinxRecognizer.open(settings),
                        SpeechCorpus.sentences(),
                        List.of("slt", "kal16"),
                        SpeechCorpus.Channel.PHONE_ULAW,
                        2);
                line.append(String.format(
                        Locale.ROOT,
                        "  synthetic %.1f%% (%d/%d)",
                        100 * s.total().rate(),
                        s.total().errors(),
                        s.total().words()));
            }
            System.out.println(line);
            System.out.println("    " + variant.options());
            System.out.flush();
        }
        System.exit(0);
    }

    /**
     * The shipped settings on the held-out recordings ({@link HumanSpeech#heldOutSet}), through the
     * same path: the figure that judges the adaptation. Nothing here feeds back into a setting.
     */
    private static void heldOut() throws Exception {
        List<Prepared> prepared = HumanSpeechRun.prepare(HumanSpeech.heldOutSet());
        PocketSphinxSettings settings = PocketSphinxSettings.phone().withDecoders(1, 1);
        Result r;
        try (PocketSphinxRecognizer recognizer = PocketSphinxRecognizer.open(settings)) {
            r = HumanSpeechRun.run(recognizer, Half.A, prepared);
        }
        System.out.printf(
                Locale.ROOT,
                "held out: %d recordings, %d words: WER %.1f%% (%d/%d), RTF(CPU) %.3f%n",
                prepared.size(),
                words(prepared),
                100 * r.score().rate(),
                r.score().errors(),
                r.score().words(),
                r.realTimeFactor());
        System.exit(0);
    }

    private static int words(List<Prepared> prepared) {
        return prepared.stream()
                .mapToInt(p -> WordErrorRate.words(p.recording().text()).size())
                .sum();
    }

    /**
     * Writes each half's recordings as the recogniser hears them (16 kHz, after the mu-law round
     * trip and parley's resampler, whole recordings) with sphinxtrain's control and transcription
     * files, for {@code scripts/adapt-phone-model.sh}.
     */
    private static void dump(Path dir) throws Exception {
        for (Half half : Half.values()) {
            Path wavs = Files.createDirectories(dir.resolve(half.name()));
            StringBuilder ids = new StringBuilder();
            StringBuilder transcription = new StringBuilder();
            for (Recording r : HumanSpeech.half(half)) {
                AudioClip clip = WavFile.read(r.file());
                short[] wide = BridgePath.wideband(BridgePath.phone(clip));
                wide = Arrays.copyOf(wide, Math.min(wide.length, clip.samples().length * 2 + 3200));
                WavFile.write(wavs.resolve(r.name() + ".wav"), wide, 0, wide.length, 16_000);
                ids.append(r.name()).append('\n');
                transcription
                        .append("<s> ")
                        .append(String.join(" ", WordErrorRate.words(r.text())))
                        .append(" </s> (")
                        .append(r.name())
                        .append(")\n");
            }
            Files.writeString(dir.resolve(half.name() + ".fileids"), ids, StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(half.name() + ".transcription"), transcription, StandardCharsets.UTF_8);
            System.out.println("wrote " + wavs);
        }
    }
}
