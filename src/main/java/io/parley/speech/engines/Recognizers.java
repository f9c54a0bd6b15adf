package io.parley.speech.engines;

import io.parley.config.EngineChoice;
import io.parley.speech.SpeechException;
import io.parley.speech.SpeechRecognizer;
import io.parley.speech.engines.RecognizerSetup.Ready;
import io.parley.speech.engines.RecognizerSetup.Unavailable;
import io.parley.speech.models.ModelCatalog;
import io.parley.speech.models.ModelStore;
import io.parley.speech.openai.RemoteTranscriptionRecognizer;
import io.parley.speech.openai.TranscriptionSettings;
import io.parley.speech.pocketsphinx.PocketSphinxModel;
import io.parley.speech.pocketsphinx.PocketSphinxRecognizer;
import io.parley.speech.pocketsphinx.PocketSphinxSettings;
import io.parley.speech.vosk.VoskRecognizer;
import io.parley.speech.whisper.WhisperRecognizer;
import io.parley.speech.whisper.WhisperSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Opens recognisers from the configuration ({@code engines.stt.<language>}) and keeps them: the
 * same language and choice asked for twice (two bridges with an English leg) get the same
 * recogniser, so a model is loaded once per process. {@link #close()} closes them all.
 *
 * <p>Engines and their options:
 * <ul>
 *   <li>{@code pocketsphinx}: {@code channel} ({@code phone}, the default, for 8 kHz calls, or
 *       {@code wideband}), {@code hmm}/{@code dict}/{@code lm} (another model; default Debian's
 *       US English), {@code decoders} (loaded up front, default 2), {@code maxDecoders} (default
 *       16), and any raw pocketsphinx option written with its dash ({@code -fwdflat: "yes"} for
 *       the second search pass: about 2.7 points of WER fewer on phone speech, for 2-3x the CPU
 *       in {@code finish}; see docs/benchmarks.md)</li>
 *   <li>{@code vosk}: {@code model} (directory; default: the model {@code parley models install}
 *       put in the models directory for the language, e.g. {@code vosk-fr})</li>
 *   <li>{@code whisper}: {@code model} (ggml file; default: an installed {@code whisper-base} or
 *       {@code whisper-tiny}), {@code threads}</li>
 *   <li>{@code openai}: {@code url} (base URL), {@code model} (default {@code whisper-1}),
 *       {@code apiKey}, {@code timeoutMs} (default 10000), {@code language} (default: the leg's)</li>
 *   <li>{@code none}: no recogniser</li>
 * </ul>
 * Thread-safe.
 */
public final class Recognizers implements AutoCloseable {
    public static final List<String> ENGINES = List.of("pocketsphinx", "vosk", "whisper", "openai", "none");

    private final Map<String, RecognizerSetup> opened = new LinkedHashMap<>();
    /** Held while a model loads (seconds), so that one language's model loads once; never by {@link #close()}. */
    private final Object loading = new Object();

    private volatile boolean closed;
    private final ModelStore models;

    /** Decoders pocketsphinx loads up front when fewer callers than this speak its language. */
    static final int WARM_DECODERS = 2;

    /** Recognisers that find downloaded models in this environment's models directory. */
    public Recognizers() {
        this(ModelStore.standard());
    }

    /** Recognisers that find downloaded models in {@code models}. */
    public Recognizers(ModelStore models) {
        this.models = models;
    }

    /**
     * The recogniser for {@code language} (ISO 639-1) as {@code choice} describes it, opened on
     * first use, ready for {@code speakers} streams at once where the engine keeps a model per
     * stream (pocketsphinx's decoders, loaded up front unless the {@code decoders} option says how
     * many); never throws for a configuration or model problem, which becomes {@link Unavailable}
     * with the reason.
     */
    public RecognizerSetup open(String language, EngineChoice choice, int speakers) {
        String key = language + "\u0000" + choice.engine() + "\u0000" + new TreeMap<>(choice.options());
        synchronized (loading) {
            synchronized (opened) {
                RecognizerSetup setup = opened.get(key);
                if (setup != null) {
                    return setup;
                }
            }
            if (closed) {
                return new Unavailable(choice.engine(), "parley is shutting down");
            }
            RecognizerSetup setup = create(language, choice, speakers);
            synchronized (opened) {
                if (closed) {
                    // close() ran while the model loaded: nobody else will close this one
                    if (setup instanceof Ready(SpeechRecognizer recognizer)) {
                        recognizer.close();
                    }
                    return new Unavailable(choice.engine(), "parley is shutting down");
                }
                if (setup instanceof Ready) {
                    opened.put(key, setup);
                }
            }
            return setup;
        }
    }

    private RecognizerSetup create(String language, EngineChoice choice, int speakers) {
        String engine =
                choice.engine() == null ? "none" : choice.engine().strip().toLowerCase(Locale.ROOT);
        try {
            SpeechRecognizer recognizer = switch (engine) {
                case "none", "" -> null;
                case "pocketsphinx" -> pocketsphinx(language, choice, speakers);
                case "vosk" -> VoskRecognizer.open(model(language, choice, "vosk", "DIR"));
                case "whisper" ->
                    WhisperRecognizer.open(new WhisperSettings(
                            model(language, choice, "whisper", "FILE"),
                            choice.option("language", language),
                            number(
                                    language,
                                    choice,
                                    "threads",
                                    Runtime.getRuntime().availableProcessors())));
                case "openai" ->
                    new RemoteTranscriptionRecognizer(new TranscriptionSettings(
                            TranscriptionSettings.parseUrl(required(language, choice, "url", "http://HOST:PORT")),
                            choice.option("model", TranscriptionSettings.DEFAULT_MODEL),
                            choice.option("language", language),
                            choice.option("apiKey", ""),
                            Duration.ofMillis(number(language, choice, "timeoutMs", (int)
                                    TranscriptionSettings.DEFAULT_TIMEOUT.toMillis()))));
                default ->
                    throw new SpeechException("unknown speech recognition engine '" + choice.engine() + "' for "
                            + name(language) + "; choose one of " + String.join(", ", ENGINES));
            };
            return recognizer == null ? new Unavailable("none", noneReason(language)) : new Ready(recognizer);
        } catch (SpeechException | IllegalArgumentException e) {
            return new Unavailable(engine, "engines.stt." + language + " (" + engine + "): " + e.getMessage());
        }
    }

    private static SpeechRecognizer pocketsphinx(String language, EngineChoice choice, int speakers)
            throws SpeechException {
        Map<String, String> options = choice.options();
        boolean customModel = options.containsKey("hmm") || options.containsKey("dict") || options.containsKey("lm");
        if (!language.equals("en") && !customModel) {
            throw new SpeechException("pocketsphinx has only an English model here (Debian's "
                    + PocketSphinxModel.DEBIAN_PACKAGE + "); for " + name(language)
                    + " give hmm, dict and lm options of a " + name(language) + " pocketsphinx model, or use "
                    + "vosk (model: DIR), whisper (model: FILE) or openai (url: ...)");
        }
        PocketSphinxModel debian = PocketSphinxModel.DEBIAN_EN_US;
        PocketSphinxModel model = new PocketSphinxModel(
                Path.of(choice.option("hmm", debian.acousticModel().toString())),
                Path.of(choice.option("dict", debian.dictionary().toString())),
                Path.of(choice.option("lm", debian.languageModel().toString())));
        String channel = choice.option("channel", "phone");
        Map<String, String> tuning = switch (channel) {
            case "phone" -> PocketSphinxSettings.PHONE_OPTIONS;
            case "wideband" -> PocketSphinxSettings.WIDEBAND_OPTIONS;
            default -> throw new IllegalArgumentException("channel must be phone or wideband, got '" + channel + "'");
        };
        Map<String, String> raw = new LinkedHashMap<>(tuning);
        options.forEach((key, value) -> {
            if (key.startsWith("-")) {
                raw.put(key.substring(1), value);
            }
        });
        int max = number(language, choice, "maxDecoders", 16);
        // A decoder per caller who may speak, loaded now: loading one takes a core for about 0.4 s, and
        // several loading at once while their callers talk fall behind them.
        int warm = Math.min(max, number(language, choice, "decoders", Math.max(WARM_DECODERS, speakers)));
        // The model last: it leaves out the shipped adapted means when the model is not Debian's.
        return PocketSphinxRecognizer.open(
                PocketSphinxSettings.phone().withOptions(raw).withModel(model).withDecoders(warm, max));
    }

    /**
     * The engine's {@code model} option, or else the model {@code parley models install} put in
     * the models directory for this language.
     */
    private Path model(String language, EngineChoice choice, String engine, String example) throws SpeechException {
        String value = choice.options().get("model");
        if (value != null && !value.isBlank()) {
            return Path.of(value.strip());
        }
        Optional<Path> installed = models.find(engine, language);
        if (installed.isPresent()) {
            return installed.get();
        }
        throw new SpeechException("no " + engine + " model for " + name(language) + " in " + models.root()
                + ModelCatalog.installCommand(engine, language)
                        .map(c -> ": run '" + c + "', or")
                        .orElse(";")
                + " set engines.stt." + language + ".model (model: " + example + ")");
    }

    private static String required(String language, EngineChoice choice, String option, String example)
            throws SpeechException {
        String value = choice.options().get(option);
        if (value == null || value.isBlank()) {
            throw new SpeechException("the " + option + " option is missing; set engines.stt." + language + "." + option
                    + " (" + option + ": " + example + ")");
        }
        return value.strip();
    }

    private static int number(String language, EngineChoice choice, String option, int fallback) {
        String value = choice.options().get(option);
        if (value == null) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number < 1) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a positive whole number, got '" + value + "'");
        }
    }

    static String noneReason(String language) {
        String engines = language.equals("en")
                ? "pocketsphinx (Debian's " + PocketSphinxModel.DEBIAN_PACKAGE + "), vosk (model: DIR), whisper"
                        + " (model: FILE) or openai (url: ...)"
                : "vosk (model: DIR), whisper (model: FILE) or openai (url: ...)";
        String configure = "set engines.stt." + language + " to " + engines;
        return "no " + name(language) + " recogniser configured: "
                + ModelCatalog.installCommand("vosk", language)
                        .map(c -> "run '" + c + "' (downloads the model once) and set engines.stt." + language
                                + ": {engine: vosk}, or " + configure)
                        .orElse(configure);
    }

    private static String name(String language) {
        return switch (language) {
            case "en" -> "English";
            case "fr" -> "French";
            default ->
                Locale.forLanguageTag(language)
                                .getDisplayLanguage(Locale.ENGLISH)
                                .isEmpty()
                        ? language
                        : Locale.forLanguageTag(language).getDisplayLanguage(Locale.ENGLISH);
        };
    }

    /** Closes every recogniser opened; one still loading is closed as soon as it has loaded. Never waits for a load. */
    @Override
    public void close() {
        List<RecognizerSetup> toClose;
        synchronized (opened) {
            closed = true;
            toClose = List.copyOf(opened.values());
            opened.clear();
        }
        for (RecognizerSetup setup : toClose) {
            if (setup instanceof Ready(SpeechRecognizer recognizer)) {
                recognizer.close();
            }
        }
    }
}
