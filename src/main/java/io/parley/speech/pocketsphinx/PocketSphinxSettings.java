package io.parley.speech.pocketsphinx;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How to run pocketsphinx.
 *
 * @param model              acoustic model, dictionary and language model
 * @param options            pocketsphinx options without the leading dash ({@code upperf -> 3800},
 *                           {@code lw -> 9}); front-end ones that the model's {@code feat.params}
 *                           also sets replace its values (the library itself would let
 *                           {@code feat.params} win silently)
 * @param warmDecoders       decoders loaded up front
 * @param maxDecoders        most decoders alive at once (each holds its own copy of the model)
 * @param partialEveryFrames look for a changed partial hypothesis every this many {@code feed}
 *                           calls; 0 turns partial results off
 * @param decoderWait        how long {@code start} waits for a free decoder when all are busy
 * @param resetMean          start every utterance from the configured cepstral mean
 *                           ({@code cmninit}) instead of the one the decoder's previous utterance
 *                           left: results no longer depend on which caller a pooled decoder served
 *                           before, and the same audio always gives the same text
 */
public record PocketSphinxSettings(
        PocketSphinxModel model,
        Map<String, String> options,
        int warmDecoders,
        int maxDecoders,
        int partialEveryFrames,
        Duration decoderWait,
        boolean resetMean) {

    /**
     * An MLLR transform of the model's Gaussian means to telephone audio (8 kHz G.711 mu-law
     * upsampled to 16 kHz), estimated by {@code scripts/adapt-phone-channel.sh} from synthetic
     * speech that is not in the WER test set. Part of {@link #PHONE_MEANS}; no longer applied on its own.
     */
    public static final String PHONE_ADAPTATION = "classpath:io/parley/speech/pocketsphinx/en-us-phone.mllr";

    /**
     * The model's Gaussian means adapted to human speech through the phone channel
     * ({@code scripts/adapt-phone-model.sh}): halfway between the means under
     * {@link #PHONE_ADAPTATION} and means adapted by MLLR then MAP to the human development set of
     * issue 11. Acoustic only: the language model and dictionary are Debian's.
     */
    public static final String PHONE_MEANS = "classpath:io/parley/speech/pocketsphinx/en-us-phone.means";

    /**
     * The cepstral mean of speech through the phone channel (the model's own {@code cmninit} is
     * that of wide-band speech and is far off: c1 -5.3 against 26.9); measured on synthetic phone
     * speech by {@code scripts/adapt-phone-channel.sh}. The human development set's own mean did
     * not do better (docs/benchmarks.md).
     */
    public static final String PHONE_CEPSTRAL_MEAN =
            "50.55,26.91,-32.73,51.94,-23.97,0.08,9.65,-32.99,17.00,-14.81,1.99,9.79,-15.00";

    /**
     * Settings for telephone audio with Debian's 16 kHz model, chosen by the measurements in
     * docs/benchmarks.md (section "Speech recognition"): the adapted means above, language weight
     * 6.5 (the model's default: with the adapted means it beat 5 on both held-out halves, and
     * prunes the search to two thirds of the CPU), and no second search pass ({@code fwdflat}), which costs several times the CPU in
     * {@code finish}; add {@code fwdflat -> yes} to trade latency for accuracy. At most 30 word exits
     * per frame ({@code maxwpf}; unlimited by default) bounds the lattice that the final best-path
     * search walks when an utterance ends (finish p95 548 -> 116 ms on synthetic speech).
     */
    public static final Map<String, String> PHONE_OPTIONS = Map.of(
            "mean", PHONE_MEANS,
            "cmninit", PHONE_CEPSTRAL_MEAN,
            "lw", "6.5",
            "fwdflat", "no",
            "maxwpf", "30");

    /** Options for clean wide-band 16 kHz speech: the model's own front end unchanged. */
    public static final Map<String, String> WIDEBAND_OPTIONS = Map.of();

    public PocketSphinxSettings {
        Objects.requireNonNull(model, "model");
        options = Map.copyOf(options);
        Objects.requireNonNull(decoderWait, "decoderWait");
        if (warmDecoders < 0 || maxDecoders < 1 || warmDecoders > maxDecoders) {
            throw new IllegalArgumentException("pocketsphinx: need 0 <= warmDecoders <= maxDecoders and"
                    + " maxDecoders >= 1, got warmDecoders=" + warmDecoders + " maxDecoders=" + maxDecoders);
        }
        if (partialEveryFrames < 0) {
            throw new IllegalArgumentException(
                    "pocketsphinx: partialEveryFrames must be >= 0, got " + partialEveryFrames);
        }
        for (String key : options.keySet()) {
            if (key.isEmpty() || key.startsWith("-")) {
                throw new IllegalArgumentException("pocketsphinx: option names go without the leading dash"
                        + " (e.g. upperf, not -upperf): '" + key + "'");
            }
        }
    }

    /** Debian's English model tuned for phone audio, two decoders warm, up to 16. */
    public static PocketSphinxSettings phone() {
        return new PocketSphinxSettings(
                PocketSphinxModel.DEBIAN_EN_US, PHONE_OPTIONS, 2, 16, 5, Duration.ofSeconds(5), false);
    }

    /**
     * These settings with another model. The shipped adapted means ({@link #PHONE_MEANS}) belong to
     * Debian's model: with any other they are left out, and that model's own means are used.
     */
    public PocketSphinxSettings withModel(PocketSphinxModel newModel) {
        Map<String, String> kept = options;
        if (!newModel.equals(PocketSphinxModel.DEBIAN_EN_US) && PHONE_MEANS.equals(options.get("mean"))) {
            kept = new LinkedHashMap<>(options);
            kept.remove("mean");
        }
        return new PocketSphinxSettings(
                newModel, kept, warmDecoders, maxDecoders, partialEveryFrames, decoderWait, resetMean);
    }

    /** These options replacing the whole option set. */
    public PocketSphinxSettings withOptions(Map<String, String> newOptions) {
        return new PocketSphinxSettings(
                model, newOptions, warmDecoders, maxDecoders, partialEveryFrames, decoderWait, resetMean);
    }

    /** These options added to (or replacing some of) the current ones. */
    public PocketSphinxSettings plusOptions(Map<String, String> more) {
        Map<String, String> merged = new LinkedHashMap<>(options);
        merged.putAll(more);
        return withOptions(merged);
    }

    public PocketSphinxSettings withDecoders(int warm, int max) {
        return new PocketSphinxSettings(model, options, warm, max, partialEveryFrames, decoderWait, resetMean);
    }

    public PocketSphinxSettings withPartialEveryFrames(int frames) {
        return new PocketSphinxSettings(model, options, warmDecoders, maxDecoders, frames, decoderWait, resetMean);
    }

    public PocketSphinxSettings withResetMean(boolean reset) {
        return new PocketSphinxSettings(
                model, options, warmDecoders, maxDecoders, partialEveryFrames, decoderWait, reset);
    }
}
