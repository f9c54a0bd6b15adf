package io.parley.history;

import io.parley.event.UtteranceEvent;

/**
 * One utterance of a call in its latest state.
 *
 * @param speaker  extension of the caller who spoke
 * @param listener extension of the caller it was translated for
 * @param outcome  the utterance's stage, lower-case: {@code played}, {@code dropped}, {@code failed} at the end
 * @param note     why it was dropped or failed, or why it was not translated
 * @param times    its milestones in epoch milliseconds, 0 when not reached
 */
public record UtteranceRow(
        String callId,
        long utteranceId,
        String direction,
        String speaker,
        String listener,
        String fromLanguage,
        String toLanguage,
        String outcome,
        String text,
        String translation,
        String note,
        UtteranceEvent.Times times)
        implements Write {}
