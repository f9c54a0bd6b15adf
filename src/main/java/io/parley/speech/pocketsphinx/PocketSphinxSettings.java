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
public record PocketSphinxSettings(PocketSphinxModel model, Map<String, String> options, int warmDecoders,
                                   int maxDecoders, int partialEveryFrames, Duration decoderWait,
                                   boolean resetMean) {

    /**
     * An MLLR transform of the model's Gaussian means to telephone audio (8 kHz G.711 mu-law
     * upsampled to 16 kHz), estimated by {@code scripts/adapt-phone-model.sh} from synthetic speech
     * that is not in the WER test set.
     */
    public static final String PHONE_ADAPTATION = "classpath:io/parley/speech/pocketsphinx/en-us-phone.mllr";

    /**
     * The cepstral mean of speech through the same channel (the model's own {@code cmninit} is
     * that of wide-band speech and is far off: c1 -5.3 against 26.9); measured by the same script.
     */
    public static final String PHONE_CEPSTRAL_MEAN =
            "50.55,26.91,-32.73,51.94,-23.97,0.08,9.65,-32.99,17.00,-14.81,1.99,9.79,-15.00";

    /**
     * Settings for telephone audio with Debian's 16 kHz model, chosen by the measurements in
     * docs/benchmarks.md (section "Speech recognition"): the adaptation above, language weight 5,
     * and no second search pass ({@code fwdflat}), which would cost 2-3x the CPU in
     * {@code finish} for about 2.7 points of WER (12.2% instead of 14.9% when measured); add
     * {@code fwdflat -> yes} to trade latency for accuracy. At most 30 word exits per frame
     * ({@code maxwpf}; unlimited by default) bounds the lattice that the final best-path search
     * and its posteriors walk when an utterance ends: the finish time of a sentence fell from
     * p95 548 ms to 116 ms, and WER from 14.6% to 14.0% (20 exits: 14.8%, 10: 15.7%).
     */
    public static final Map<String, String> PHONE_OPTIONS = Map.of(
            "mllr", PHONE_ADAPTATION,
            "cmninit", PHONE_CEPSTRAL_MEAN,
            "lw", "5",
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
            throw new IllegalArgumentException("pocketsphinx: partialEveryFrames must be >= 0, got "
                    + partialEveryFrames);
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
        return new PocketSphinxSettings(PocketSphinxModel.DEBIAN_EN_US, PHONE_OPTIONS, 2, 16, 5,
                Duration.ofSeconds(5), false);
    }

    public PocketSphinxSettings withModel(PocketSphinxModel newModel) {
        return new PocketSphinxSettings(newModel, options, warmDecoders, maxDecoders, partialEveryFrames,
                decoderWait, resetMean);
    }

    /** These options replacing the whole option set. */
    public PocketSphinxSettings withOptions(Map<String, String> newOptions) {
        return new PocketSphinxSettings(model, newOptions, warmDecoders, maxDecoders, partialEveryFrames,
                decoderWait, resetMean);
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
        return new PocketSphinxSettings(model, options, warmDecoders, maxDecoders, partialEveryFrames, decoderWait,
                reset);
    }
}
