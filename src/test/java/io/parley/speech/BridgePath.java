package io.parley.speech;

import io.parley.audio.AudioClip;
import io.parley.audio.EndpointSettings;
import io.parley.audio.Endpointer;
import io.parley.audio.Resampler;
import io.parley.audio.UlawCodec;
import io.parley.audio.VoiceActivityDetector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a translation bridge does with a caller's audio before and around the recogniser, without
 * its sockets and threads: the recording resampled to 8 kHz, through G.711 mu-law (the RTP
 * payload), decoded and upsampled to 16 kHz by parley's own resampler in 20 ms packets (as
 * {@code RtpReceiver} does), then cut into utterances by parley's endpointer (as
 * {@code SpeechLane} does: pre-roll and voiced frames are fed, the frame that ends an utterance
 * is not). One second of silence follows the recording, as a call goes on after a sentence.
 * {@code TranslationLatency --human} measures the same recordings through a real bridge.
 */
public final class BridgePath {
    private static final int PHONE_RATE = 8000;
    private static final int RATE = 16_000;
    private static final int PACKET = PHONE_RATE / 50;
    private static final int FRAME = RATE / 50;

    private BridgePath() {}

    /** The recording as the caller's phone sends it: 8 kHz samples after a mu-law round trip, silence after. */
    public static short[] phone(AudioClip clip) {
        short[] eight = clip.samples();
        if (clip.sampleRate() != PHONE_RATE) {
            Resampler down = new Resampler(clip.sampleRate(), PHONE_RATE);
            short[] out = new short[down.maxOutputSamples(eight.length) + 64];
            eight = Arrays.copyOf(out, down.process(eight, 0, eight.length, out, 0));
        }
        short[] line = Arrays.copyOf(eight, eight.length + PHONE_RATE);
        for (int i = 0; i < line.length; i++) {
            line[i] = UlawCodec.decode(UlawCodec.encode(line[i]));
        }
        return line;
    }

    /** The phone audio at 16 kHz, upsampled packet by packet as the bridge's receiver does. */
    public static short[] wideband(short[] phone) {
        Resampler up = new Resampler(PHONE_RATE, RATE);
        short[] out = new short[up.maxOutputSamples(phone.length) + 2 * PACKET + 64];
        int n = 0;
        for (int at = 0; at < phone.length; at += PACKET) {
            n += up.process(phone, at, Math.min(PACKET, phone.length - at), out, n);
        }
        return Arrays.copyOf(out, n - n % FRAME);
    }

    /** The utterances the bridge's recogniser is fed, in order: each as the frames fed to it. */
    public static List<short[]> utterances(short[] wideband, EndpointSettings settings) {
        Endpointer endpointer = new Endpointer(new VoiceActivityDetector(RATE), RATE, FRAME, settings);
        List<short[]> utterances = new ArrayList<>();
        short[] current = null;
        int length = 0;
        short[] frame = new short[FRAME];
        for (int at = 0; at + FRAME <= wideband.length; at += FRAME) {
            System.arraycopy(wideband, at, frame, 0, FRAME);
            switch (endpointer.offer(frame, 0)) {
                case SPEECH_START -> {
                    int pre = endpointer.preRollFrames();
                    current = new short[(pre + 1) * FRAME];
                    for (int i = 0; i < pre; i++) {
                        endpointer.copyPreRollFrame(i, current, i * FRAME);
                    }
                    System.arraycopy(frame, 0, current, pre * FRAME, FRAME);
                    length = current.length;
                }
                case SPEECH -> {
                    if (length + FRAME > current.length) {
                        current = Arrays.copyOf(current, current.length * 2);
                    }
                    System.arraycopy(frame, 0, current, length, FRAME);
                    length += FRAME;
                }
                case SPEECH_END -> {
                    utterances.add(Arrays.copyOf(current, length));
                    current = null;
                    length = 0;
                }
                case SILENCE -> {}
            }
        }
        if (current != null) {
            utterances.add(Arrays.copyOf(current, length));
        }
        return utterances;
    }

    /** The utterances of a recording with the bridge's default endpointing. */
    public static List<short[]> utterances(AudioClip clip) {
        return utterances(wideband(phone(clip)), EndpointSettings.DEFAULT);
    }
}
