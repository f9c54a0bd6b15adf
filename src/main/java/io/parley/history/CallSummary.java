package io.parley.history;

import java.util.List;

/** A call as a list of calls shows it: its row, its legs' extensions and how many utterances it has. */
public record CallSummary(
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
        List<String> extensions,
        int utterances) {

    public CallSummary {
        extensions = List.copyOf(extensions);
    }

    static CallSummary of(CallRow row, List<String> extensions, int utterances) {
        return new CallSummary(
                row.id(),
                row.node(),
                row.bridge(),
                row.mode(),
                row.startedAt(),
                row.answeredAt(),
                row.endedAt(),
                row.durationMillis(),
                row.endedBy(),
                row.endReason(),
                extensions,
                utterances);
    }
}
