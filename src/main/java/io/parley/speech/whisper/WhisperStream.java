package io.parley.speech.whisper;

import io.github.givimad.whisperjni.WhisperContext;
import io.github.givimad.whisperjni.WhisperFullParams;
import io.github.givimad.whisperjni.WhisperJNI;
import io.github.givimad.whisperjni.WhisperSamplingStrategy;
import io.github.givimad.whisperjni.WhisperState;
import io.parley.speech.RecognitionStream;
import io.parley.speech.SpeechException;
import io.parley.speech.UtteranceAudio;

/** Buffers one utterance and transcribes it in {@link #finish()}. */
final class WhisperStream implements RecognitionStream {
    private final WhisperJNI whisper;
    private final WhisperContext context;
    private final WhisperSettings settings;
    private final UtteranceAudio audio = new UtteranceAudio(16_000 * 5);
    private boolean done;

    WhisperStream(WhisperJNI whisper, WhisperContext context, WhisperSettings settings) {
        this.whisper = whisper;
        this.context = context;
        this.settings = settings;
    }

    @Override
    public void feed(short[] samples, int offset, int count) {
        if (done) {
            throw new IllegalStateException("whisper: feed after the utterance ended");
        }
        audio.append(samples, offset, count);
    }

    @Override
    public String finish() throws SpeechException {
        if (done) {
            throw new IllegalStateException("whisper: finish after the utterance ended");
        }
        done = true;
        int length = audio.length();
        if (length == 0) {
            return "";
        }
        WhisperFullParams params = new WhisperFullParams(WhisperSamplingStrategy.GREEDY);
        params.language = settings.language();
        params.nThreads = settings.threads();
        params.translate = false;
        params.noContext = true;
        params.singleSegment = true;
        params.printProgress = false;
        params.printRealtime = false;
        params.printTimestamps = false;
        params.suppressNonSpeechTokens = true;
        try (WhisperState state = whisper.initState(context)) {
            int status = whisper.fullWithState(context, state, params, audio.toFloats(), length);
            if (status != 0) {
                throw new SpeechException("whisper: transcription of " + length / 16 + " ms of audio failed"
                        + " (whisper_full returned " + status + ")");
            }
            StringBuilder text = new StringBuilder();
            int segments = whisper.fullNSegmentsFromState(state);
            for (int i = 0; i < segments; i++) {
                text.append(whisper.fullGetSegmentTextFromState(state, i));
            }
            return text.toString().strip();
        }
    }

    @Override
    public void close() {
        done = true;
    }
}
