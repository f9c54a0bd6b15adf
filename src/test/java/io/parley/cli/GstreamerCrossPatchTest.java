package io.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.parley.audio.AudioClip;
import io.parley.audio.Tone;
import io.parley.audio.ToneDetector;
import io.parley.audio.WavFile;
import io.parley.config.BridgeConfig;
import io.parley.config.ConfigLoader;
import io.parley.config.LegPorts;
import io.parley.rtp.RtpStreamWriter;
import io.parley.testing.FreePorts;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A real external RTP peer on both legs of the 5555-6666 cross-patch: GStreamer (Debian's
 * gstreamer1.0-plugins-good, installed by scripts/setup.sh test) sends a tone into 5555 and records
 * what parley sends to the 6666 caller; the recording holds the tone at its frequency.
 *
 * <p>For L16 the sender is ffmpeg's RTP muxer: GStreamer's rtpL16pay stamps the static payload
 * type 10 only on 44.1 kHz stereo and gives 8 kHz mono a dynamic type, while Asterisk's slin is
 * PT 10 at 8 kHz. GStreamer's rtpL16depay receives PT 10 at any rate, so it records that side
 * (told the channel count in {@code encoding-params}, or it takes PT 10 for stereo as RFC 3551 has it).
 */
class GstreamerCrossPatchTest {
    private static final double TONE_HZ = 440;
    /** 1.5 s of 20 ms packets recorded on the 6666 side. */
    private static final int PACKETS_RECORDED = 75;

    @BeforeAll
    static void installPeers() throws Exception {
        Process setup = new ProcessBuilder(
                        Path.of(System.getProperty("parley.repo", "."), "scripts", "setup.sh")
                                .toString(),
                        "test")
                .inheritIO()
                .start();
        assertThat(setup.waitFor(600, TimeUnit.SECONDS) && setup.exitValue() == 0)
                .as("scripts/setup.sh test")
                .isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "ulaw | 0  | gst-launch-1.0 -q audiotestsrc is-live=true freq=440 samplesperbuffer=160 num-buffers=1500"
                        + " ! audio/x-raw,rate=8000,channels=1 ! mulawenc ! rtppcmupay pt=0 min-ptime=20000000"
                        + " max-ptime=20000000 ! udpsink host=127.0.0.1 port=IN5555"
                        + " | PCMU | rtppcmudepay ! mulawdec",
                "slin | 10 | ffmpeg -hide_banner -loglevel error -re -f lavfi"
                        + " -i sine=frequency=440:sample_rate=8000:samples_per_frame=160 -t 30 -ac 1 -c:a pcm_s16be"
                        + " -payload_type 10 -packetsize 332 -f rtp rtp://127.0.0.1:IN5555"
                        + " | L16,channels=(int)1,encoding-params=(string)1 | rtpL16depay",
            })
    void aToneSentInto5555ArrivesAt6666WithItsFrequency(
            String codec, int pt, String sender, String encoding, String depayloader, @TempDir Path dir)
            throws Exception {
        String yaml = crossPatch(codec, dir);
        BridgeConfig bridge =
                new ConfigLoader(Map.of()).parse(yaml, "test").bridges().getFirst();
        int in5555 = ((LegPorts.Gateway) bridge.leg(0).ports()).rtpIn();
        int in6666 = ((LegPorts.Gateway) bridge.leg(1).ports()).rtpIn();
        Path config = dir.resolve("parley.yaml");
        Files.writeString(config, yaml);
        Path heard = dir.resolve("6666.wav");
        try (ParleyProcess parley = ParleyProcess.start("run", "--config", config.toString())) {
            parley.awaitLine(l -> l.startsWith("ready"), Duration.ofSeconds(90));
            // The 6666 gateway replies to where 6666's RTP comes from: say something from the port
            // GStreamer will then listen on (UDP keeps no state once the socket is closed).
            int port;
            try (DatagramSocket primer = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                port = primer.getLocalPort();
                sendSilence(primer, pt, new InetSocketAddress("127.0.0.1", in6666));
            }
            Process listener =
                    peer("gst-launch-1.0 -q udpsrc address=127.0.0.1 port=" + port + " num-buffers=" + PACKETS_RECORDED
                            + " caps=\"application/x-rtp,media=audio,clock-rate=8000,encoding-name=" + encoding
                            + ",payload=" + pt
                            + "\" ! rtpjitterbuffer latency=60 ! " + depayloader
                            + " ! audioconvert ! wavenc ! filesink location="
                            + heard);
            Process speaker = peer(sender.replace("IN5555", Integer.toString(in5555)));
            try {
                assertThat(listener.waitFor(20, TimeUnit.SECONDS))
                        .as("GStreamer recorded " + PACKETS_RECORDED + " packets from parley; parley said:\n"
                                + parley.output())
                        .isTrue();
                assertThat(listener.exitValue()).isZero();
            } finally {
                speaker.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                listener.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        AudioClip clip = WavFile.read(heard);
        assertThat(clip.sampleRate()).isEqualTo(8000);
        assertThat(clip.samples().length).isGreaterThan(PACKETS_RECORDED * 160 / 2);
        Tone tone = new ToneDetector(8000)
                .detect(clip.samples(), 0, clip.samples().length)
                .orElseThrow();
        assertThat(tone.frequencyHz()).isCloseTo(TONE_HZ, within(1.0));
        assertThat(tone.levelDbfs()).isGreaterThan(-30);
    }

    /** The default plan's 5555-6666 cross-patch alone (no speech engines to start), its legs in {@code codec}, on free ports. */
    private static String crossPatch(String codec, Path dir) {
        return FreePorts.yaml("""
                bind: 127.0.0.1
                history: {enabled: false}
                bridges:
                  - name: 5555-6666
                    mode: crosspatch
                    topology: gateway
                    legs:
                      - {extension: "5555", codec: %1$s, rtp: {in: 20000, out: 20001}, pcm: {toBridge: 20002, fromBridge: 20003}}
                      - {extension: "6666", codec: %1$s, rtp: {in: 20004, out: 20005}, pcm: {toBridge: 20006, fromBridge: 20007}}
                """.formatted(codec), dir);
    }

    private static void sendSilence(DatagramSocket socket, int pt, InetSocketAddress to) throws Exception {
        RtpStreamWriter writer = new RtpStreamWriter(pt, 0x6666, 1, 0);
        byte[] payload = new byte[pt == 0 ? 160 : 320];
        Arrays.fill(payload, pt == 0 ? (byte) 0xFF : 0);
        byte[] datagram = new byte[12 + payload.length];
        for (int i = 0; i < 5; i++) {
            int n = writer.write(payload, 0, payload.length, 160, datagram, 0);
            socket.send(new DatagramPacket(datagram, n, to));
        }
    }

    private static Process peer(String command) throws Exception {
        return new ProcessBuilder(List.of("sh", "-c", "exec " + command))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }
}
