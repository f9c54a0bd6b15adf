package io.parley.bridge;

import io.parley.audio.Resampler;
import io.parley.audio.AudioCodec;
import io.parley.config.EngineSettings;
import io.parley.speech.Availability;
import io.parley.speech.RecognitionStream;
import io.parley.speech.SpeechRecognizer;
import io.parley.speech.engines.SpeechEngines;
import org.junit.jupiter.api.Test;

class ScratchRecognitionTest {
    @Test
    void direct() throws Exception {
        try (SpeechEngines e = new SpeechEngines(EngineSettings.DEFAULT, (a, b, c) -> { })) {
            SpeechRecognizer r = ((Availability.Available<SpeechRecognizer>) e.recognizer("en")).engine();
            byte[] raw = java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/tmp/fed.raw"));
            short[] fed = new short[raw.length / 2];
            java.nio.ByteBuffer.wrap(raw).order(java.nio.ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(fed);
            for (int round = 0; round < 2; round++) {
                RecognitionStream st = r.start(p -> { });
                for (int i = 0; i + 320 <= fed.length; i += 320) {
                    st.feed(fed, i, 320);
                }
                System.out.println("FED: " + st.finish());
                st.close();
            }
            for (String text : new String[] {"hello, how are you today?", "i would like a cup of coffee."}) {
                short[] s8 = RtpTestPeer.speech(text, "en", 8000);
                AudioCodec u = AudioCodec.byAsteriskName("ulaw").orElseThrow();
                byte[] enc = new byte[s8.length];
                u.encode(s8, 0, s8.length, enc, 0);
                u.decode(enc, 0, enc.length, s8, 0);
                Resampler up = new Resampler(8000, 16000);
                short[] s16 = new short[s8.length * 2 + 64];
                int n = up.process(s8, 0, s8.length, s16, 0);
                RecognitionStream st = r.start(p -> { });
                for (int i = 0; i + 320 <= n; i += 320) {
                    st.feed(s16, i, 320);
                }
                System.out.println("DIRECT: " + text + " => " + st.finish());
                st.close();
            }
        }
    }
}
