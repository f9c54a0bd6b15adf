package io.parley.speech.pocketsphinx;

import io.parley.speech.RecognitionStream;
import io.parley.speech.SpeechException;
import io.parley.speech.SpeechRecognizer.PartialListener;

/**
 * One utterance on a borrowed decoder. The decoder goes back to the pool on {@code finish} or
 * {@code close}; one that failed mid-utterance is discarded instead, since its state is unknown.
 */
final class PocketSphinxStream implements RecognitionStream {
    private final Decoder decoder;
    private final DecoderPool pool;
    private final PartialListener partials;
    private final int partialEvery;
    private int feedsSincePartial;
    private boolean done;

    PocketSphinxStream(Decoder decoder, DecoderPool pool, PartialListener partials, int partialEvery) {
        this.decoder = decoder;
        this.pool = pool;
        this.partials = partials;
        this.partialEvery = partialEvery;
    }

    @Override
    public void feed(short[] samples, int offset, int length) throws SpeechException {
        if (done) {
            throw new IllegalStateException("pocketsphinx: feed after the utterance ended");
        }
        try {
            decoder.process(samples, offset, length);
        } catch (SpeechException | RuntimeException e) {
            done = true;
            pool.discard(decoder);
            throw e;
        }
        if (partialEvery > 0 && ++feedsSincePartial >= partialEvery) {
            feedsSincePartial = 0;
            if (decoder.partialChanged()) {
                partials.onPartial(decoder.lastPartial());
            }
        }
    }

    @Override
    public String finish() throws SpeechException {
        if (done) {
            throw new IllegalStateException("pocketsphinx: finish after the utterance ended");
        }
        done = true;
        String text;
        try {
            text = decoder.endUtterance();
        } catch (SpeechException | RuntimeException e) {
            pool.discard(decoder);
            throw e;
        }
        pool.release(decoder);
        return text;
    }

    @Override
    public void close() {
        if (!done) {
            done = true;
            decoder.abandonUtterance();
            pool.release(decoder);
        }
    }
}
