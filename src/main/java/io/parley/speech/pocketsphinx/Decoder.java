package io.parley.speech.pocketsphinx;

import io.parley.speech.SpeechException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * One native pocketsphinx decoder with its own copy of the model, decoding one utterance at a
 * time. Used by one thread at a time (the pool hands it over); not thread-safe.
 *
 * <p>{@link #process} copies samples into a native buffer owned by the decoder and does not
 * allocate once the buffer is large enough; {@link #partialChanged} compares the library's
 * hypothesis with the previous one byte by byte, so a Java string is made only when it changed.
 */
final class Decoder implements AutoCloseable {
    private static final int INITIAL_SAMPLES = 320;
    private static final int MAX_HYPOTHESIS = 64 * 1024;

    private final PocketSphinxLibrary library;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment handle;
    private final MemorySegment meanState;
    private final MemorySegment meanPrior;
    private MemorySegment samples;
    private byte[] lastPartial = new byte[256];
    private int lastPartialLength;
    private boolean inUtterance;
    private boolean closed;

    /**
     * @param meanPrior cepstral mean every utterance starts from, or {@code null} to let the
     *                  mean carry over from the decoder's previous utterance (pocketsphinx's
     *                  default, which mixes callers when decoders are pooled)
     */
    Decoder(PocketSphinxLibrary library, List<String> arguments, String what, float[] meanPrior)
            throws SpeechException {
        this.library = library;
        try {
            this.handle = library.createDecoder(arena, arguments, what);
        } catch (SpeechException | RuntimeException e) {
            arena.close();
            throw e;
        }
        this.samples = arena.allocate(ValueLayout.JAVA_SHORT, INITIAL_SAMPLES);
        MemorySegment state =
                meanPrior == null ? MemorySegment.NULL : library.cepstralMeanState(handle, meanPrior.length);
        if (state.equals(MemorySegment.NULL)) {
            this.meanState = MemorySegment.NULL;
            this.meanPrior = MemorySegment.NULL;
        } else {
            this.meanState = state;
            this.meanPrior = arena.allocateFrom(ValueLayout.JAVA_FLOAT, meanPrior);
        }
    }

    /** Whether each utterance starts from the same cepstral mean (false if the library's layout was not as expected). */
    boolean resetsMean() {
        return !meanState.equals(MemorySegment.NULL);
    }

    void startUtterance() throws SpeechException {
        if (inUtterance) {
            abandonUtterance();
        }
        if (!meanState.equals(MemorySegment.NULL)) {
            library.setCepstralMean(meanState, meanPrior);
        }
        if (library.startUtterance(handle) < 0) {
            throw new SpeechException("pocketsphinx: ps_start_utt failed");
        }
        inUtterance = true;
        lastPartialLength = 0;
    }

    void process(short[] pcm, int offset, int length) throws SpeechException {
        if (length == 0) {
            return;
        }
        if (samples.byteSize() < length * 2L) {
            samples = arena.allocate(ValueLayout.JAVA_SHORT, length);
        }
        MemorySegment.copy(pcm, offset, samples, ValueLayout.JAVA_SHORT, 0, length);
        if (library.processRaw(handle, samples, length) < 0) {
            throw new SpeechException("pocketsphinx: ps_process_raw failed on " + length + " samples");
        }
    }

    /**
     * Whether the current hypothesis differs from the one seen last time; when it does, it
     * becomes the new reference and {@link #lastPartial()} returns it.
     */
    boolean partialChanged() {
        MemorySegment hypothesis = library.hypothesis(handle);
        if (hypothesis.equals(MemorySegment.NULL)) {
            boolean changed = lastPartialLength != 0;
            lastPartialLength = 0;
            return changed;
        }
        MemorySegment text = hypothesis.reinterpret(MAX_HYPOTHESIS);
        int length = 0;
        boolean changed = false;
        for (byte b; length < MAX_HYPOTHESIS && (b = text.get(ValueLayout.JAVA_BYTE, length)) != 0; length++) {
            if (length >= lastPartial.length) {
                lastPartial = Arrays.copyOf(lastPartial, lastPartial.length * 2);
            }
            if (length >= lastPartialLength || lastPartial[length] != b) {
                changed = true;
                lastPartial[length] = b;
            }
        }
        changed |= length != lastPartialLength;
        lastPartialLength = length;
        return changed;
    }

    String lastPartial() {
        return new String(lastPartial, 0, lastPartialLength, StandardCharsets.UTF_8);
    }

    /** Ends the utterance and returns the final hypothesis, empty when there is none. */
    String endUtterance() throws SpeechException {
        inUtterance = false;
        if (library.endUtterance(handle) < 0) {
            throw new SpeechException("pocketsphinx: ps_end_utt failed");
        }
        MemorySegment hypothesis = library.hypothesis(handle);
        return hypothesis.equals(MemorySegment.NULL)
                ? ""
                : hypothesis.reinterpret(MAX_HYPOTHESIS).getString(0);
    }

    /** Ends an utterance nobody wants the result of, so the decoder can be reused. */
    void abandonUtterance() {
        if (inUtterance) {
            inUtterance = false;
            library.endUtterance(handle);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            abandonUtterance();
            library.free(handle);
            arena.close();
        }
    }
}
