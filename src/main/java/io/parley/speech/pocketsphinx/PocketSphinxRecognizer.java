package io.parley.speech.pocketsphinx;

import io.parley.speech.ModelProbe;
import io.parley.speech.RecognitionStream;
import io.parley.speech.SpeechException;
import io.parley.speech.SpeechRecognizer;

/**
 * English (or any pocketsphinx model's language) recognition in-process through Debian's
 * libpocketsphinx, streaming: each {@code feed} is decoded as it arrives, so {@code finish}
 * only runs the search's final passes.
 *
 * <p>A pool of decoders serves concurrent utterances; each decoder holds its own copy of the
 * model (see docs/benchmarks.md for memory per decoder and load time). Thread-safe: any number
 * of threads may call {@link #start}; each stream is used by one thread at a time.
 *
 * <p>Note that a decoder keeps its cepstral-mean estimate from one utterance to the next, so a
 * pooled decoder starts each utterance from whatever channel it heard last; that is how
 * pocketsphinx's live mode is meant to work and it adapts within a second of speech.
 */
public final class PocketSphinxRecognizer implements SpeechRecognizer {

    private final PocketSphinxSettings settings;
    private final DecoderArguments arguments;
    private final DecoderPool pool;

    private PocketSphinxRecognizer(PocketSphinxSettings settings, DecoderArguments arguments, DecoderPool pool) {
        this.settings = settings;
        this.arguments = arguments;
        this.pool = pool;
    }

    /**
     * Checks the model, loads the library and {@code settings.warmDecoders()} decoders.
     *
     * @throws SpeechException naming the missing library or model file and the Debian package
     *                         that provides it, or quoting the library's own error
     */
    public static PocketSphinxRecognizer open(PocketSphinxSettings settings) throws SpeechException {
        PocketSphinxLibrary library = PocketSphinxLibrary.load();
        settings.model().check();
        DecoderArguments arguments = DecoderArguments.of(settings);
        try {
            ModelProbe.verify(
                    ModelCheck.class,
                    arguments.arguments(),
                    settings.model() + " " + settings.options(),
                    "pocketsphinx",
                    settings.model().acousticModel(),
                    "fix or replace the files of " + settings.model() + " (Debian's model: apt-get install --reinstall "
                            + PocketSphinxModel.DEBIAN_PACKAGE + ")");
            String what = "the model (" + settings.model() + ") with options " + settings.options();
            float[] meanPrior = settings.resetMean() ? arguments.meanPrior() : null;
            DecoderPool pool = new DecoderPool(
                    () -> new Decoder(library, arguments.arguments(), what, meanPrior),
                    settings.warmDecoders(),
                    settings.maxDecoders());
            return new PocketSphinxRecognizer(settings, arguments, pool);
        } catch (SpeechException | RuntimeException e) {
            arguments.close();
            throw e;
        }
    }

    /** Takes a decoder (waiting up to {@code decoderWait} when all are busy) and starts an utterance. */
    @Override
    public RecognitionStream start(PartialListener partials) throws SpeechException {
        Decoder decoder;
        try {
            decoder = pool.acquire(settings.decoderWait());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpeechException("pocketsphinx: interrupted while waiting for a decoder", e);
        }
        try {
            decoder.startUtterance();
        } catch (SpeechException | RuntimeException e) {
            pool.discard(decoder);
            throw e;
        }
        return new PocketSphinxStream(decoder, pool, partials, settings.partialEveryFrames());
    }

    @Override
    public String describe() {
        return "pocketsphinx(" + settings.model().acousticModel().getFileName() + ")";
    }

    /** Decoders loaded now (idle or in use). */
    public int decodersLoaded() {
        return pool.alive();
    }

    public PocketSphinxSettings settings() {
        return settings;
    }

    /** Frees idle decoders now and the others when their utterances end. */
    @Override
    public void close() {
        pool.close();
        arguments.close();
    }
}
