package io.parley.history;

/**
 * A call's own row. Times are epoch milliseconds; a call still going has no end.
 *
 * @param answeredAt when both callers were first connected, null if they never were
 * @param endedBy    the extension whose caller left first, or {@code parley} when parley ended the call
 * @param endReason  why the call ended, as signalling or the media said it
 * @param updatedAt  when the row was last written; a call whose row stopped being updated while it
 *                   had no end was cut short by a crash
 */
public record CallRow(
        String id,
        String node,
        String bridge,
        String mode,
        long startedAt,
        Long answeredAt,
        Long endedAt,
        Long durationMillis,
        String endedBy,
        String endReason,
        long updatedAt)
        implements Write {}
