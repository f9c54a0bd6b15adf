package io.parley.bench;

import io.parley.speech.RecognitionRun;
import io.parley.speech.SpeechCorpus;
import io.parley.speech.SpeechCorpus.Channel;
import io.parley.speech.SpeechCorpus.Utterance;
import io.parley.speech.pocketsphinx.PocketSphinxRecognizer;
import io.parley.speech.pocketsphinx.PocketSphinxSettings;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Word error rate and timing of the English recogniser on flite speech, clean and through a
 * G.711 phone channel, for each front-end variant. Not a JMH benchmark (it measures accuracy);
 * run it as a plain main:
 *
 * <pre>
 * ./mvnw -q -B -ntp -DskipTests test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
 * java --enable-native-access=ALL-UNNAMED -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
 *     io.parley.bench.SpeechRecognitionBench [VOICES] [VARIANT...]
 * </pre>
 * VOICES is a comma list (default {@code slt,kal16,rms,awb}); VARIANTs are names below (default all).
 */
public final class SpeechRecognitionBench {

    private static final int THREADS = Integer.getInteger("threads", 1);

    private SpeechRecognitionBench() {
    }

    /** One configuration to measure: which channel and which pocketsphinx options. */
    record Variant(String name, Channel channel, Map<String, String> options, java.util.function.UnaryOperator<short[]> transform) {
    }

    /** Adds a mirror image of 0-4 kHz into 4-8 kHz at {@code gain}: x + g * (-1)^n * x. */
    static java.util.function.UnaryOperator<short[]> mirror(double gain) {
        return in -> {
            short[] out = new short[in.length];
            for (int i = 0; i < in.length; i++) {
                double v = in[i] + ((i & 1) == 0 ? gain : -gain) * in[i];
                out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v)));
            }
            return out;
        };
    }

    /**
     * Noise in 4-8 kHz whose level follows the 2.5-4 kHz envelope of the input (10 ms blocks):
     * a crude bandwidth extension that puts fricative energy where the wide-band model expects it.
     */
    static java.util.function.UnaryOperator<short[]> envelopeNoise(double gain) {
        return in -> {
            java.util.Random random = new java.util.Random(42);
            short[] out = new short[in.length];
            // upper band of the input: mirror to the top (x * (-1)^n), low-pass by neighbour average = band 0..~1.5k of mirrored
            double[] upper = new double[in.length];
            for (int i = 2; i < in.length; i++) {
                // second difference: a high-pass with gain rising towards 8 kHz; within 0-4k it favours 2.5-4k
                upper[i] = (in[i] - 2.0 * in[i - 1] + in[i - 2]) / 4;
            }
            double previousNoise = 0;
            for (int block = 0; block < in.length; block += 160) {
                int end = Math.min(in.length, block + 160);
                double energy = 0;
                for (int i = block; i < end; i++) {
                    energy += upper[i] * upper[i];
                }
                double rms = Math.sqrt(energy / Math.max(1, end - block));
                for (int i = block; i < end; i++) {
                    double white = random.nextGaussian();
                    double noise = (white - previousNoise) / 2 * rms * gain;
                    previousNoise = white;
                    double v = in[i] + noise;
                    out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v)));
                }
            }
            return out;
        };
    }

    /** Adds white noise high-passed above 4 kHz (difference of neighbours) at {@code rms}. */
    static java.util.function.UnaryOperator<short[]> highNoise(double rms) {
        return in -> {
            java.util.Random random = new java.util.Random(42);
            short[] out = new short[in.length];
            double previous = 0;
            for (int i = 0; i < in.length; i++) {
                double white = random.nextGaussian() * rms;
                double v = in[i] + (white - previous) / 2;
                previous = white;
                out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v)));
            }
            return out;
        };
    }

    static final String PHONE_CMN = "46.5,30.5,-28,49,-19,2.5,17,-28.5,12.5,-15,4,11,-13.5";

    static Map<String, Variant> variants() {
        Map<String, Variant> all = new LinkedHashMap<>();
        add(all, "wideband-default", Channel.WIDEBAND);
        add(all, "phone-default", Channel.PHONE_ULAW);
        add(all, "phone-upperf3800", Channel.PHONE_ULAW, "upperf", "3800");
        add(all, "phone-upperf3500", Channel.PHONE_ULAW, "upperf", "3500");
        add(all, "phone-upperf3800-nfilt20", Channel.PHONE_ULAW, "upperf", "3800", "nfilt", "20");
        add(all, "phone-noremove-noise", Channel.PHONE_ULAW, "remove_noise", "no");
        add(all, "phone-noremove-silence", Channel.PHONE_ULAW, "remove_silence", "no");
        add(all, "phone-dither", Channel.PHONE_ULAW, "dither", "yes");
        add(all, "phone-lw8", Channel.PHONE_ULAW, "lw", "8");
        add(all, "phone-lw10", Channel.PHONE_ULAW, "lw", "10");
        add(all, "phone-nofwdflat", Channel.PHONE_ULAW, "fwdflat", "no");
        add(all, "phone-nobestpath", Channel.PHONE_ULAW, "bestpath", "no");
        add(all, "phone-cmninit", Channel.PHONE_ULAW, "cmninit", PHONE_CMN);
        add(all, "phone-cmninit-lw8", Channel.PHONE_ULAW, "cmninit", PHONE_CMN, "lw", "8");
        add(all, "phone-cmninit-lw10", Channel.PHONE_ULAW, "cmninit", PHONE_CMN, "lw", "10");
        String mllr = "src/main/resources/io/parley/speech/pocketsphinx/en-us-phone.mllr";
        add(all, "phone-mllr", Channel.PHONE_ULAW, "mllr", mllr);
        add(all, "phone-mllr-cmninit", Channel.PHONE_ULAW, "mllr", mllr, "cmninit", PHONE_CMN);
        add(all, "wideband-mllr", Channel.WIDEBAND, "mllr", mllr);
        String adaptCmn = "50.55,26.91,-32.73,51.94,-23.97,0.08,9.65,-32.99,17.00,-14.81,1.99,9.79,-15.00";
        add(all, "phone-mllr-cmnadapt", Channel.PHONE_ULAW, "mllr", mllr, "cmninit", adaptCmn);
        add(all, "phone-mllr2-cmnadapt", Channel.PHONE_ULAW, "mllr", "target/phone-adaptation/iter2/mllr_matrix",
                "cmninit", adaptCmn);
        String map = "target/phone-adaptation/map/";
        add(all, "phone-map-means", Channel.PHONE_ULAW, "mean", map + "means", "cmninit", adaptCmn);
        add(all, "phone-map-meanvar", Channel.PHONE_ULAW, "mean", map + "means", "var", map + "variances",
                "cmninit", adaptCmn);
        add(all, "phone-map-all", Channel.PHONE_ULAW, "mean", map + "means", "var", map + "variances",
                "mixw", map + "mixture_weights", "cmninit", adaptCmn);
        add(all, "phone-mllr-cmnadapt-nosil", Channel.PHONE_ULAW, "mllr", mllr, "cmninit", adaptCmn,
                "remove_silence", "no");
        add(all, "phone-mllr-cmnadapt-nonoise", Channel.PHONE_ULAW, "mllr", mllr, "cmninit", adaptCmn,
                "remove_noise", "no");
        add(all, "phone-mllr-cmnadapt-dither", Channel.PHONE_ULAW, "mllr", mllr, "cmninit", adaptCmn,
                "dither", "yes");
        add(all, "phone-mllr-cmnadapt-lw8", Channel.PHONE_ULAW, "mllr", mllr, "cmninit", adaptCmn, "lw", "8");
        add(all, "phone-mllr-cmnadapt-lw10", Channel.PHONE_ULAW, "mllr", mllr, "cmninit", adaptCmn, "lw", "10");
        add(all, "phone-envnoise0.5", envelopeNoise(0.5));
        add(all, "phone-envnoise1", envelopeNoise(1));
        add(all, "phone-envnoise2", envelopeNoise(2));
        add(all, "phone-envnoise1-cmninit", envelopeNoise(1), "cmninit", PHONE_CMN);
        add(all, "phone-mirror0.05", mirror(0.05));
        add(all, "phone-mirror0.1", mirror(0.1));
        add(all, "phone-mirror0.2", mirror(0.2));
        add(all, "phone-mirror0.3", mirror(0.3));
        add(all, "phone-mirror0.5", mirror(0.5));
        add(all, "phone-noise30", highNoise(30));
        add(all, "phone-noise100", highNoise(100));
        return all;
    }

    private static void add(Map<String, Variant> all, String name, Channel channel, String... options) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < options.length; i += 2) {
            map.put(options[i], options[i + 1]);
        }
        all.put(name, new Variant(name, channel, map, java.util.function.UnaryOperator.identity()));
    }

    private static void add(Map<String, Variant> all, String name, java.util.function.UnaryOperator<short[]> transform,
                            String... options) {
        add(all, name, Channel.PHONE_ULAW, options);
        Variant v = all.get(name);
        all.put(name, new Variant(name, v.channel(), v.options(), transform));
    }

    public static void main(String[] args) throws Exception {
        List<String> voices = Arrays.asList((args.length > 0 ? args[0] : "slt,kal16,rms,awb").split(","));
        Map<String, Variant> all = variants();
        List<Variant> chosen = args.length > 1
                ? Arrays.stream(args, 1, args.length).map(name -> {
                    Variant v = all.get(name);
                    if (v == null) {
                        throw new IllegalArgumentException("unknown variant " + name + "; known: " + all.keySet());
                    }
                    return v;
                }).toList()
                : List.copyOf(all.values());
        List<String> sentences = SpeechCorpus.sentences();
        boolean verbose = Boolean.getBoolean("verbose");
        for (Variant variant : chosen) {
            List<Utterance> utterances = RecognitionRun.corpus(sentences, voices, variant.channel()).stream()
                    .map(u -> new Utterance(u.text(), u.voice(), u.channel(), variant.transform().apply(u.samples())))
                    .toList();
            long loadStart = System.nanoTime();
            try (PocketSphinxRecognizer recognizer = PocketSphinxRecognizer.open(PocketSphinxSettings.phone()
                    .withOptions(variant.options()).withDecoders(THREADS, THREADS)
                    .withResetMean(Boolean.parseBoolean(System.getProperty("resetMean", "false"))))) {
                long loadNanos = System.nanoTime() - loadStart;
                RecognitionRun.Summary summary = RecognitionRun.run(recognizer, utterances, THREADS);
                if (verbose) {
                    System.out.print(summary.table());
                }
                System.out.printf(Locale.ROOT, "%-28s %s, open %.0f ms%n", variant.name(), summary.summaryLine(),
                        loadNanos / 1e6);
                for (String voice : voices) {
                    RecognitionRun.Summary one = new RecognitionRun.Summary(summary.results().stream()
                            .filter(r -> r.utterance().voice().equals(voice)).toList());
                    System.out.printf(Locale.ROOT, "    %-6s WER %.1f%%%n", voice, 100 * one.total().rate());
                }
            }
        }
    }
}
