package io.parley.rtp;

import static io.parley.rtp.Hex.bytes;
import static io.parley.rtp.Hex.concat;
import static io.parley.rtp.Hex.filled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RtpPacketTest {

    /** What a vector must parse to; -1 / null where a field is not checked. */
    record Expected(
            int version,
            boolean marker,
            int pt,
            int seq,
            long ts,
            int ssrc,
            int[] csrcs,
            int extProfile,
            String extHex,
            int payloadOffset,
            int payloadLength,
            int padding) {}

    static Stream<Arguments> validVectors() {
        return Stream.of(
                // Asterisk ulaw, 20 ms: V=2, PT 0, 160 bytes of payload (0xFF is ulaw silence).
                Arguments.of(
                        "asterisk ulaw",
                        concat(bytes("80 00 1f 40 00 02 ee 00 6b 8b 45 67"), filled(160, 0xFF)),
                        new Expected(2, false, 0, 0x1f40, 0x2ee00, 0x6b8b4567, new int[0], -1, null, 12, 160, 0)),
                // First packet of a talk spurt, alaw: marker bit set.
                Arguments.of(
                        "alaw with marker",
                        concat(bytes("80 88 ff ff ff ff ff ff 00 00 00 01"), filled(160, 0xD5)),
                        new Expected(2, true, 8, 65535, 0xFFFFFFFFL, 1, new int[0], -1, null, 12, 160, 0)),
                // Two CSRCs (a mixer's contributors), slin PT 10.
                Arguments.of(
                        "two csrcs",
                        bytes("82 0a 00 01 00 00 00 a0 11 22 33 44 aa aa aa aa bb bb bb bb 01 02 03 04"),
                        new Expected(
                                2,
                                false,
                                10,
                                1,
                                160,
                                0x11223344,
                                new int[] {0xAAAAAAAA, 0xBBBBBBBB},
                                -1,
                                null,
                                20,
                                4,
                                0)),
                // RFC 8285 one-byte header extension (profile 0xBEDE, one word).
                Arguments.of(
                        "one-byte extension",
                        bytes("90 76 00 05 00 00 02 80 00 00 00 07 be de 00 01 10 aa 00 00 12 34"),
                        new Expected(2, false, 118, 5, 640, 7, new int[0], 0xBEDE, "10aa0000", 20, 2, 0)),
                // Padding: three payload bytes, then 00 00 03.
                Arguments.of(
                        "padding",
                        bytes("a0 00 00 09 00 00 00 00 00 00 00 09 01 02 03 00 00 03"),
                        new Expected(2, false, 0, 9, 0, 9, new int[0], -1, null, 12, 3, 3)),
                // Everything at once: P, X, one CSRC, marker, PT 96.
                Arguments.of(
                        "padding, extension, csrc and marker",
                        bytes("b1 e0 12 34 56 78 9a bc 01 02 03 04 05 06 07 08 10 00 00 02 01 02 03 04 05 06 07 08 "
                                + "ee ff 00 02"),
                        new Expected(
                                2,
                                true,
                                96,
                                0x1234,
                                0x56789ABCL,
                                0x01020304,
                                new int[] {0x05060708},
                                0x1000,
                                "0102030405060708",
                                28,
                                2,
                                2)),
                // Padding that takes the whole payload is well formed (admission drops it as empty).
                Arguments.of(
                        "padding only",
                        bytes("a0 00 00 01 00 00 00 00 00 00 00 01 00 00 00 04"),
                        new Expected(2, false, 0, 1, 0, 1, new int[0], -1, null, 12, 0, 4)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validVectors")
    void parsesKnownVectors(String name, byte[] datagram, Expected e) {
        RtpPacket p = new RtpPacket();

        assertThat(p.unmarshal(datagram, 0, datagram.length)).isEqualTo(DropReason.NONE);

        assertThat(p.version()).isEqualTo(e.version());
        assertThat(p.marker()).isEqualTo(e.marker());
        assertThat(p.payloadType()).isEqualTo(e.pt());
        assertThat(p.sequenceNumber()).isEqualTo(e.seq());
        assertThat(p.timestamp()).isEqualTo(e.ts());
        assertThat(p.ssrc()).isEqualTo(e.ssrc());
        assertThat(p.csrcCount()).isEqualTo(e.csrcs().length);
        for (int i = 0; i < e.csrcs().length; i++) {
            assertThat(p.csrc(i)).isEqualTo(e.csrcs()[i]);
        }
        assertThat(p.hasExtension()).isEqualTo(e.extHex() != null);
        if (e.extHex() != null) {
            assertThat(p.extensionProfile()).isEqualTo(e.extProfile());
            assertThat(Arrays.copyOfRange(
                            p.extensionBuffer(), p.extensionOffset(), p.extensionOffset() + p.extensionLength()))
                    .isEqualTo(bytes(e.extHex()));
        }
        assertThat(p.payloadBuffer()).isSameAs(datagram); // a view, not a copy
        assertThat(p.payloadOffset()).isEqualTo(e.payloadOffset());
        assertThat(p.payloadLength()).isEqualTo(e.payloadLength());
        assertThat(p.paddingLength()).isEqualTo(e.padding());
        assertThat(p.hasPadding()).isEqualTo(e.padding() > 0);
        assertThat(p.headerSize()).isEqualTo(e.payloadOffset());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validVectors")
    void marshalReproducesTheVectorByteForByte(String name, byte[] datagram, Expected e) {
        RtpPacket p = new RtpPacket();
        p.unmarshal(datagram, 0, datagram.length);

        byte[] out = new byte[p.marshalSize() + 8];
        int n = p.marshalTo(out, 5);

        assertThat(n).isEqualTo(datagram.length).isEqualTo(p.marshalSize());
        assertThat(Arrays.copyOfRange(out, 5, 5 + n)).isEqualTo(datagram);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("empty", new byte[0], DropReason.TOO_SHORT, "header too short: 0 < 12 bytes"),
                Arguments.of(
                        "8 bytes",
                        bytes("80 00 00 01 00 00 00 00"),
                        DropReason.TOO_SHORT,
                        "header too short: 8 < 12 bytes"),
                Arguments.of(
                        "11 bytes",
                        bytes("80 00 00 01 00 00 00 00 00 00 00"),
                        DropReason.TOO_SHORT,
                        "header too short: 11 < 12 bytes"),
                Arguments.of(
                        "version 1",
                        bytes("40 00 00 01 00 00 00 00 00 00 00 01 ff"),
                        DropReason.BAD_VERSION,
                        "RTP version 1, expected 2"),
                Arguments.of(
                        "version 0 (STUN)",
                        bytes("00 01 00 00 21 12 a4 42 00 00 00 00 00 00 00 00 00 00 00 00"),
                        DropReason.BAD_VERSION,
                        "RTP version 0, expected 2"),
                Arguments.of(
                        "version 3",
                        bytes("c0 00 00 01 00 00 00 00 00 00 00 01 ff"),
                        DropReason.BAD_VERSION,
                        "RTP version 3, expected 2"),
                Arguments.of(
                        "3 csrcs in 16 bytes",
                        bytes("83 00 00 01 00 00 00 00 00 00 00 01 aa aa aa aa"),
                        DropReason.CSRC_PAST_END,
                        "CSRC list past the end: 16 < 24 bytes"),
                Arguments.of(
                        "15 csrcs in 12 bytes",
                        bytes("8f 00 00 01 00 00 00 00 00 00 00 01"),
                        DropReason.CSRC_PAST_END,
                        "CSRC list past the end: 12 < 72 bytes"),
                Arguments.of(
                        "extension header missing",
                        bytes("90 00 00 01 00 00 00 00 00 00 00 01 be de"),
                        DropReason.EXTENSION_PAST_END,
                        "header extension past the end: 14 < 16 bytes"),
                Arguments.of(
                        "extension data missing",
                        bytes("90 00 00 01 00 00 00 00 00 00 00 01 be de 00 02 10 aa 00 00"),
                        DropReason.EXTENSION_PAST_END,
                        "header extension past the end: 20 < 24 bytes"),
                Arguments.of(
                        "zero padding length",
                        bytes("a0 00 00 01 00 00 00 00 00 00 00 01 ff ff 00"),
                        DropReason.ZERO_PADDING,
                        "padding bit set but the padding length byte is 0"),
                Arguments.of(
                        "padding past the end",
                        bytes("a0 00 00 01 00 00 00 00 00 00 00 01 ff ff ff ff ff ff ff c8"),
                        DropReason.PADDING_PAST_END,
                        "padding of 200 bytes exceeds the 8 bytes after the header"),
                Arguments.of(
                        "padding into the extension",
                        bytes("b0 00 00 01 00 00 00 00 00 00 00 01 be de 00 01 10 aa 00 00 00 06"),
                        DropReason.PADDING_PAST_END,
                        "padding of 6 bytes exceeds the 2 bytes after the header"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void namesTheExactReasonWithItsNumbers(String name, byte[] datagram, DropReason reason, String message) {
        RtpPacket p = new RtpPacket();

        assertThat(p.unmarshal(datagram, 0, datagram.length)).isEqualTo(reason);
        assertThat(p.lastDrop()).isEqualTo(reason);
        assertThat(p.lastDropMessage()).isEqualTo(message);
    }

    @Test
    void roundTripsEveryFieldThroughMarshalAndUnmarshal() {
        byte[] payload = concat(filled(3, 0x77), bytes("01 02 03 04 05"), filled(3, 0x77));
        byte[] ext = bytes("de ad be ef 00 00 00 01");
        RtpPacket out = new RtpPacket()
                .setMarker(true)
                .setPayloadType(127)
                .setSequenceNumber(65535)
                .setTimestamp(0x1_2345_6789L) // the 33rd bit is dropped
                .setSsrc(0xCAFEBABE)
                .setCsrcs(new int[] {1, 2, 3, -1}, 4)
                .setExtension(0xABCD, ext, 0, ext.length)
                .setPaddingLength(7)
                .setPayload(payload, 3, 5);
        byte[] wire = new byte[out.marshalSize()];
        assertThat(out.marshalTo(wire, 0)).isEqualTo(12 + 16 + 4 + 8 + 5 + 7);
        assertThat(wire[wire.length - 1]).isEqualTo((byte) 7);

        RtpPacket in = new RtpPacket();
        assertThat(in.unmarshal(wire, 0, wire.length)).isEqualTo(DropReason.NONE);

        assertThat(in.marker()).isTrue();
        assertThat(in.payloadType()).isEqualTo(127);
        assertThat(in.sequenceNumber()).isEqualTo(65535);
        assertThat(in.timestamp()).isEqualTo(0x2345_6789L);
        assertThat(in.ssrc()).isEqualTo(0xCAFEBABE);
        assertThat(new int[] {in.csrc(0), in.csrc(1), in.csrc(2), in.csrc(3)}).containsExactly(1, 2, 3, -1);
        assertThat(in.extensionProfile()).isEqualTo(0xABCD);
        assertThat(Arrays.copyOfRange(wire, in.extensionOffset(), in.extensionOffset() + in.extensionLength()))
                .isEqualTo(ext);
        assertThat(in.paddingLength()).isEqualTo(7);
        assertThat(Arrays.copyOfRange(wire, in.payloadOffset(), in.payloadOffset() + in.payloadLength()))
                .isEqualTo(bytes("01 02 03 04 05"));
        assertThat(in.toString()).contains("seq=65535", "ssrc=" + Integer.toUnsignedString(0xCAFEBABE));
    }

    @Test
    void reusingOnePacketLeavesNothingOfTheFormerOne() {
        byte[] rich = validVector("padding, extension, csrc and marker");
        byte[] plain = validVector("asterisk ulaw");
        RtpPacket p = new RtpPacket();

        assertThat(p.unmarshal(rich, 0, rich.length)).isEqualTo(DropReason.NONE);
        assertThat(p.unmarshal(plain, 0, plain.length)).isEqualTo(DropReason.NONE);

        assertThat(p.csrcCount()).isZero();
        assertThat(p.hasExtension()).isFalse();
        assertThat(p.extensionLength()).isZero();
        assertThat(p.hasPadding()).isFalse();
        assertThat(p.marker()).isFalse();
        assertThat(p.payloadLength()).isEqualTo(160);
        byte[] again = new byte[p.marshalSize()];
        p.marshalTo(again, 0);
        assertThat(again).isEqualTo(plain);

        // A failed parse in between does not matter to the next good one.
        assertThat(p.unmarshal(rich, 0, 5)).isEqualTo(DropReason.TOO_SHORT);
        assertThat(p.unmarshal(rich, 0, rich.length)).isEqualTo(DropReason.NONE);
        assertThat(p.lastDrop()).isEqualTo(DropReason.NONE);
        assertThat(p.csrcCount()).isEqualTo(1);
    }

    @Test
    void parsesAtAnOffsetWithoutReadingOutsideItsRange() {
        byte[] vector = validVector("padding");
        // Junk before, and a last byte after that would be a bogus padding count if it were read.
        byte[] buf = concat(filled(7, 0xEE), vector, bytes("ff"));
        RtpPacket p = new RtpPacket();

        assertThat(p.unmarshal(buf, 7, vector.length)).isEqualTo(DropReason.NONE);

        assertThat(p.sequenceNumber()).isEqualTo(9);
        assertThat(p.payloadOffset()).isEqualTo(7 + 12);
        assertThat(p.payloadLength()).isEqualTo(3);
        assertThat(p.paddingLength()).isEqualTo(3);
    }

    @Test
    void refusesSettingsOutsideTheirFieldsAndTooSmallBuffers() {
        RtpPacket p = new RtpPacket();
        assertThatThrownBy(() -> p.setPayloadType(128)).hasMessage("RTP payload type 128 is outside 0..127");
        assertThatThrownBy(() -> p.setSequenceNumber(65536))
                .hasMessage("RTP sequence number 65536 is outside 0..65535");
        assertThatThrownBy(() -> p.setCsrcs(new int[16], 16)).hasMessage("RTP CSRC count 16 is outside 0..15");
        assertThatThrownBy(() -> p.setExtension(0xBEDE, new byte[6], 0, 6))
                .hasMessageContaining("must be a multiple of 4 bytes");
        p.setPayload(new byte[160], 0, 160);
        assertThatThrownBy(() -> p.marshalTo(new byte[100], 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "RTP packet needs 172 bytes but the buffer has 100 from offset 0; size it with marshalSize()");
    }

    @Test
    void randomBytesNeverThrowAndWhatParsesIsConsistent() {
        SplittableRandom random = new SplittableRandom(20_250_701L);
        RtpPacket p = new RtpPacket();
        RtpPacket again = new RtpPacket();
        byte[] buf = new byte[300];
        byte[] out = new byte[400];
        int parsed = 0;
        for (int i = 0; i < 100_000; i++) {
            int len = random.nextInt(120);
            int off = random.nextInt(buf.length - len + 1);
            random.nextBytes(buf);
            if (len > 0 && random.nextBoolean()) {
                // Half the time make it look like RTP so the deeper checks are reached too.
                buf[off] = (byte) (0x80 | (buf[off] & 0x3F));
            }
            DropReason reason = p.unmarshal(buf, off, len);
            if (reason != DropReason.NONE) {
                assertThat(p.lastDropMessage()).isNotBlank();
                continue;
            }
            parsed++;
            assertThat(p.payloadOffset() - off + p.payloadLength() + p.paddingLength())
                    .isEqualTo(len);
            int n = p.marshalTo(out, 0);
            assertThat(n).isEqualTo(len);
            assertThat(again.unmarshal(out, 0, n)).isEqualTo(DropReason.NONE);
            assertThat(again.sequenceNumber()).isEqualTo(p.sequenceNumber());
            assertThat(again.timestampBits()).isEqualTo(p.timestampBits());
            assertThat(again.payloadLength()).isEqualTo(p.payloadLength());
            assertThat(Arrays.equals(
                            out,
                            again.payloadOffset(),
                            again.payloadOffset() + again.payloadLength(),
                            buf,
                            p.payloadOffset(),
                            p.payloadOffset() + p.payloadLength()))
                    .isTrue();
        }
        assertThat(parsed).as("the fuzz reached well-formed packets too").isGreaterThan(1000);
    }

    private static byte[] validVector(String name) {
        return validVectors()
                .filter(a -> a.get()[0].equals(name))
                .map(a -> (byte[]) a.get()[1])
                .findFirst()
                .orElseThrow();
    }
}
