package io.parley.audio;

/**
 * How the {@link Endpointer} turns voiced frames into utterances.
 *
 * @param preRollMillis audio kept from before the detected start, so the recogniser hears the onset
 * @param trailingSilenceMillis silence that ends an utterance; pauses at commas are shorter
 * @param minSpeechMillis voiced audio an utterance needs before it starts; shorter bursts are clicks
 * @param maxUtteranceMillis an utterance this long is ended even while speech goes on
 */
public record EndpointSettings(
        int preRollMillis, int trailingSilenceMillis, int minSpeechMillis, int maxUtteranceMillis) {
    /** 200 ms pre-roll, 300 ms trailing silence, 150 ms minimum, 15 s maximum. */
    public static final EndpointSettings DEFAULT = new EndpointSettings(200, 300, 150, 15_000);

    /** These settings with another trailing silence. */
    public EndpointSettings withTrailingSilence(int millis) {
        return new EndpointSettings(preRollMillis, millis, minSpeechMillis, maxUtteranceMillis);
    }

    public EndpointSettings {
        if (preRollMillis < 0
                || trailingSilenceMillis <= 0
                || minSpeechMillis <= 0
                || maxUtteranceMillis <= minSpeechMillis) {
            throw new IllegalArgumentException("endpoint settings: need pre-roll >= 0 (" + preRollMillis
                    + " ms), trailing silence > 0 (" + trailingSilenceMillis + " ms), minimum speech > 0 ("
                    + minSpeechMillis + " ms) and maximum utterance (" + maxUtteranceMillis
                    + " ms) above the minimum");
        }
    }
}
