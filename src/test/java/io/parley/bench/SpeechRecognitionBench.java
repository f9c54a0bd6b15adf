package io.parley.bench;

import io.parley.speech.RecognitionRun;
import io.parley.speech.SpeechCorpus;
import io.parley.speech.SpeechCorpus.Channel;
import io.parley.speech.pocketsphinx.PocketSphinxRecognizer;
import io.parley.speech.pocketsphinx.PocketSphinxSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Word error rate and timing of the English recogniser on flite speech, clean and through a
 * G.711 phone channel, for each configuration variant. Not a JMH benchmark (it measures
 * accuracy); run it as a plain main:
 *
 * <pre>
 * ./mvnw -q -B -ntp -DskipTests test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
 * java --enable-native-access=ALL-UNNAMED -Dthreads=1 \
 *     -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
 *     io.parley.bench.SpeechRecognitionBench [VOICES] [VARIANT...]
 * </pre>
 * VOICES is a comma list (default {@code slt,kal16}); VARIANTs are names below (default all).
 * Each voice runs on its own one-decoder recogniser (see {@link RecognitionRun#runPerVoice}),
 * {@code -Dthreads} voices at a time; {@code -Dverbose=true} prints every sentence.
 *
 * <p>Earlier experiments that changed the audio instead of the decoder (spectral folding of
 * 0-4 kHz into 4-8 kHz, noise in 4-8 kHz following the 2.5-4 kHz envelope) are in this file's
 * history (commit 5b74f37); they did not help (see docs/benchmarks.md).
 */
public final class SpeechRecognitionBench {
    private static final int THREADS = Integer.getInteger("threads", 1);
    /** The cepstral mean measured on flite awb, kal, rms through the phone channel (first try). */
    private static final String FLITE_CMN = "46.5,30.5,-28,49,-19,2.5,17,-28.5,12.5,-15,4,11,-13.5";

    private SpeechRecognitionBench() {}

    /** One configuration to measure: which channel and which pocketsphinx options. */
    record Variant(String name, Channel channel, Map<String, String> options) {}

    static Map<String, Variant> variants() {
        Map<String, Variant> all = new LinkedHashMap<>();
        plain(all, "wideband", Channel.WIDEBAND);
        plain(all, "phone-unadapted", Channel.PHONE_ULAW);
        plain(all, "phone-upperf3800", Channel.PHONE_ULAW, "upperf", "3800");
        plain(all, "phone-cmninit-only", Channel.PHONE_ULAW, "cmninit", FLITE_CMN);
        phone(all, "phone", Channel.PHONE_ULAW);
        phone(all, "phone-fast", Channel.PHONE_ULAW, "bestpath", "no");
        phone(all, "phone-fwdflat", Channel.PHONE_ULAW, "fwdflat", "yes");
        phone(all, "phone-lw6.5", Channel.PHONE_ULAW, "lw", "6.5");
        phone(
                all,
                "phone-narrowflat",
                Channel.PHONE_ULAW,
                "fwdflat",
                "yes",
                "fwdflatbeam",
                "1e-40",
                "fwdflatwbeam",
                "1e-20");
        phone(all, "phone-lw4", Channel.PHONE_ULAW, "lw", "4");
        phone(all, "phone-lower-lw", Channel.PHONE_ULAW, "fwdflat", "yes", "fwdflatlw", "7", "bestpathlw", "8");
        phone(all, "phone-lw8", Channel.PHONE_ULAW, "lw", "8");
        phone(all, "phone-reset-mean", Channel.PHONE_ULAW);
        phone(all, "phone-lw10", Channel.PHONE_ULAW, "lw", "10");
        phone(all, "phone-nonoise", Channel.PHONE_ULAW, "remove_noise", "no");
        phone(all, "phone-mllr-only", Channel.PHONE_ULAW, "cmninit", "");
        phone(all, "wideband-phone-settings", Channel.WIDEBAND);
        // Bounds on the word exits per frame and on the active HMMs: they cap the lattice that the
        // final best-path search and its posteriors walk, which dominates the finish time.
        phone(all, "phone-maxwpf5", Channel.PHONE_ULAW, "maxwpf", "5");
        phone(all, "phone-maxwpf10", Channel.PHONE_ULAW, "maxwpf", "10");
        phone(all, "phone-maxwpf20", Channel.PHONE_ULAW, "maxwpf", "20");
        phone(all, "phone-maxwpf30", Channel.PHONE_ULAW, "maxwpf", "30");
        phone(all, "phone-maxwpf40", Channel.PHONE_ULAW, "maxwpf", "40");
        phone(all, "phone-wbeam1e-20", Channel.PHONE_ULAW, "wbeam", "1e-20");
        phone(all, "phone-wbeam1e-25", Channel.PHONE_ULAW, "wbeam", "1e-25");
        phone(all, "phone-maxwpf20-wbeam1e-25", Channel.PHONE_ULAW, "maxwpf", "20", "wbeam", "1e-25");
        // CPU per stream: fewer Gaussians per frame, every other frame scored, phone lookahead,
        // fewer active HMMs.
        phone(all, "phone-topn2", Channel.PHONE_ULAW, "topn", "2");
        phone(all, "phone-ds2", Channel.PHONE_ULAW, "ds", "2");
        phone(all, "phone-plwindow5", Channel.PHONE_ULAW, "pl_window", "5");
        phone(all, "phone-maxhmmpf10000", Channel.PHONE_ULAW, "maxhmmpf", "10000");
        phone(all, "phone-maxhmmpf6000", Channel.PHONE_ULAW, "maxhmmpf", "6000");
        phone(all, "phone-maxhmmpf3000", Channel.PHONE_ULAW, "maxhmmpf", "3000");
        return all;
    }

    /** Resident memory of the process with 1 and then 5 decoders loaded. */
    private static void memory() throws Exception {
        PocketSphinxSettings settings = PocketSphinxSettings.phone();
        PocketSphinxRecognizer.open(settings.withDecoders(1, 1)).close();
        long before = residentKiB();
        try (PocketSphinxRecognizer one = PocketSphinxRecognizer.open(settings.withDecoders(1, 1))) {
            long withOne = residentKiB();
            try (PocketSphinxRecognizer five = PocketSphinxRecognizer.open(settings.withDecoders(5, 5))) {
                long withSix = residentKiB();
                System.out.printf(
                        Locale.ROOT,
                        "RSS before %d MiB, 1 decoder +%d MiB, 5 more +%d MiB (%.1f MiB each)%n",
                        before / 1024,
                        (withOne - before) / 1024,
                        (withSix - withOne) / 1024,
                        (withSix - withOne) / 1024.0 / 5);
            }
        }
    }

    private static long residentKiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    private static void plain(Map<String, Variant> all, String name, Channel channel, String... options) {
        all.put(name, new Variant(name, channel, merge(Map.of(), options)));
    }

    /** The production phone settings plus {@code options}; an empty value removes an option. */
    private static void phone(Map<String, Variant> all, String name, Channel channel, String... options) {
        all.put(name, new Variant(name, channel, merge(PocketSphinxSettings.PHONE_OPTIONS, options)));
    }

    private static Map<String, String> merge(Map<String, String> base, String... options) {
        Map<String, String> map = new LinkedHashMap<>(base);
        for (int i = 0; i < options.length; i += 2) {
            if (options[i + 1].isEmpty()) {
                map.remove(options[i]);
            } else {
                map.put(options[i], options[i + 1]);
            }
        }
        return map;
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("memory")) {
            memory();
            return;
        }
        List<String> voices = Arrays.asList((args.length > 0 ? args[0] : "slt,kal16").split(","));
        Map<String, Variant> all = variants();
        List<Variant> chosen = args.length > 1
                ? Arrays.stream(args, 1, args.length)
                        .map(name -> {
                            Variant v = all.get(name);
                            if (v == null) {
                                throw new IllegalArgumentException(
                                        "unknown variant " + name + "; known: " + all.keySet());
                            }
                            return v;
                        })
                        .toList()
                : List.copyOf(all.values());
        List<String> sentences = SpeechCorpus.sentences();
        for (Variant variant : chosen) {
            PocketSphinxSettings settings = PocketSphinxSettings.phone()
                    .withOptions(variant.options())
                    .withDecoders(1, 1)
                    .withResetMean(variant.name().endsWith("reset-mean"));
            long firstStart = System.nanoTime();
            PocketSphinxRecognizer.open(settings).close();
            long firstNanos = System.nanoTime() - firstStart;
            long loadStart = System.nanoTime();
            PocketSphinxRecognizer.open(settings).close();
            long openNanos = System.nanoTime() - loadStart;
            RecognitionRun.Summary summary = RecognitionRun.runPerVoice(
                    () -> PocketSphinxRecognizer.open(settings), sentences, voices, variant.channel(), THREADS);
            if (Boolean.getBoolean("verbose")) {
                System.out.print(summary.table());
            }
            System.out.printf(
                    Locale.ROOT,
                    "%-26s %s, open %.0f ms (first, with the model check %.0f ms)%n",
                    variant.name(),
                    summary.summaryLine(),
                    openNanos / 1e6,
                    firstNanos / 1e6);
            for (String voice : voices) {
                RecognitionRun.Summary one = new RecognitionRun.Summary(summary.results().stream()
                        .filter(r -> r.utterance().voice().equals(voice))
                        .toList());
                System.out.printf(
                        Locale.ROOT,
                        "    %-6s WER %.1f%%%n",
                        voice,
                        100 * one.total().rate());
            }
            System.out.flush();
        }
    }
}
