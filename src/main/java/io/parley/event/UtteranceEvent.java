package io.parley.event;

/**
 * One utterance of one caller, at some point of its way through STT, MT and TTS. The same
 * {@code id} is published several times as the utterance advances; the last one wins.
 *
 * @param direction   e.g. {@code 3333->4444}
 * @param partialText latest partial hypothesis (empty when none)
 * @param finalText   recognised text, capitalised and punctuated (empty until {@link Stage#RECOGNISED})
 * @param translation the translation (empty until {@link Stage#TRANSLATED})
 * @param note        why the utterance was dropped or failed, or why it was not translated
 */
public record UtteranceEvent(
        long at,
        String bridge,
        long id,
        String direction,
        String fromLanguage,
        String toLanguage,
        Stage stage,
        String partialText,
        String finalText,
        String translation,
        Times times,
        String note)
        implements ParleyEvent {

    public enum Stage {
        PARTIAL,
        RECOGNISED,
        TRANSLATED,
        SYNTHESISED,
        PLAYING,
        PLAYED,
        DROPPED,
        FAILED
    }

    /**
     * Milestones of the utterance in epoch milliseconds; 0 means not reached (yet).
     *
     * @param speechStart    first voiced frame
     * @param speechEnd      last voiced frame (end of speech)
     * @param sttFinal       final recognition result
     * @param mtDone         translation done
     * @param ttsFirstAudio  synthesised audio ready
     * @param playoutStart   first translated frame sent to the listener
     * @param playoutEnd     last translated frame sent
     */
    public record Times(
            long speechStart,
            long speechEnd,
            long sttFinal,
            long mtDone,
            long ttsFirstAudio,
            long playoutStart,
            long playoutEnd) {
        public static final Times NONE = new Times(0, 0, 0, 0, 0, 0, 0);
    }
}
