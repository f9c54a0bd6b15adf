package io.parley.speech.vosk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.speech.RecognitionStream;
import io.parley.speech.SpeechException;
import io.parley.speech.SpeechRecognizer.PartialListener;
import org.vosk.Recognizer;

/**
 * One utterance on its own Kaldi recogniser. Vosk segments by itself too: when it ends a segment
 * inside what parley's endpointer calls one utterance, the segment's text is kept and the final
 * text joins all segments.
 */
final class VoskStream implements RecognitionStream {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Recognizer recognizer;
    private final PartialListener partials;
    private final StringBuilder segments = new StringBuilder();
    private short[] buffer = new short[320];
    private String lastPartial = "";
    private boolean done;

    VoskStream(Recognizer recognizer, PartialListener partials) {
        this.recognizer = recognizer;
        this.partials = partials;
    }

    @Override
    public void feed(short[] samples, int offset, int length) throws SpeechException {
        if (done) {
            throw new IllegalStateException("vosk: feed after the utterance ended");
        }
        short[] data = samples;
        if (offset != 0) {
            if (buffer.length < length) {
                buffer = new short[length];
            }
            System.arraycopy(samples, offset, buffer, 0, length);
            data = buffer;
        }
        if (recognizer.acceptWaveForm(data, length)) {
            append(field(recognizer.getResult(), "text"));
            lastPartial = "";
        } else {
            String partial = field(recognizer.getPartialResult(), "partial");
            if (!partial.equals(lastPartial)) {
                lastPartial = partial;
                partials.onPartial(join(segments.toString(), partial));
            }
        }
    }

    @Override
    public String finish() throws SpeechException {
        if (done) {
            throw new IllegalStateException("vosk: finish after the utterance ended");
        }
        try {
            append(field(recognizer.getFinalResult(), "text"));
            return segments.toString();
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        if (!done) {
            done = true;
            recognizer.close();
        }
    }

    private void append(String text) {
        if (!text.isEmpty()) {
            if (!segments.isEmpty()) {
                segments.append(' ');
            }
            segments.append(text);
        }
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : a + " " + b;
    }

    /** The string field {@code name} of Vosk's JSON answer, stripped; empty when absent. */
    static String field(String json, String name) throws SpeechException {
        try {
            return JSON.readTree(json).path(name).asText("").strip();
        } catch (JsonProcessingException e) {
            throw new SpeechException("vosk: unreadable result " + json + ": " + e.getOriginalMessage(), e);
        }
    }
}
