package io.parley.monitor;

import io.parley.event.UtteranceEvent.Times;

/** One measured stretch of an utterance's way from the speaker's mouth to the listener's ear. */
public enum LatencyStage {
    /** End of speech to the final recognition. */
    STT("stt"),
    /** Final recognition to translation done. */
    MT("mt"),
    /** Translation done to synthesised audio ready. */
    TTS("tts"),
    /** Synthesised audio ready to its first frame played. */
    QUEUE("queue"),
    /** End of speech to the first frame played: what the listener waits. */
    TOTAL("total");

    private final String key;

    LatencyStage(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** Milliseconds the stage took, or -1 while either of its milestones is missing. */
    public long millis(Times t) {
        return switch (this) {
            case STT -> between(t.speechEnd(), t.sttFinal());
            case MT -> between(t.sttFinal(), t.mtDone());
            case TTS -> between(t.mtDone(), t.ttsFirstAudio());
            case QUEUE -> between(t.ttsFirstAudio(), t.playoutStart());
            case TOTAL -> between(t.speechEnd(), t.playoutStart());
        };
    }

    private static long between(long from, long to) {
        // A clock step can make a milestone look earlier than its predecessor; count that as zero.
        return from == 0 || to == 0 ? -1 : Math.max(0, to - from);
    }
}
