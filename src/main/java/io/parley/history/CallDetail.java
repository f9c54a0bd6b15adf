package io.parley.history;

import java.util.List;

/** Everything kept about one call: its summary, legs, utterances in the order spoken, faults and recordings. */
public record CallDetail(
        CallSummary call,
        List<LegRow> legs,
        List<UtteranceRow> utterances,
        List<FaultRow> faults,
        List<RecordingRow> recordings) {

    public CallDetail {
        legs = List.copyOf(legs);
        utterances = List.copyOf(utterances);
        faults = List.copyOf(faults);
        recordings = List.copyOf(recordings);
    }
}
