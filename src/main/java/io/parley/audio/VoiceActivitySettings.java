package io.parley.audio;

/**
 * Thresholds of the {@link VoiceActivityDetector}.
 *
 * @param startMarginDb how far above the noise floor a frame must be to start speech
 * @param continueMarginDb how far above it a frame must be to continue speech (at most the start margin)
 * @param minSpeechDbfs no frame quieter than this is speech, however quiet the background
 */
public record VoiceActivitySettings(double startMarginDb, double continueMarginDb, double minSpeechDbfs) {
    public static final VoiceActivitySettings DEFAULT = new VoiceActivitySettings(12, 6, -55);

    public VoiceActivitySettings {
        if (!(continueMarginDb > 0 && continueMarginDb <= startMarginDb)) {
            throw new IllegalArgumentException("voice activity margins: need 0 < continue (" + continueMarginDb
                    + " dB) <= start (" + startMarginDb + " dB)");
        }
    }
}
