package io.parley.rtp;

import static io.parley.rtp.Hex.bytes;
import static io.parley.rtp.Hex.concat;
import static io.parley.rtp.Hex.filled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RtpReceiveFilterTest {
    private static final byte[] ULAW_HEADER = bytes("80 00 00 01 00 00 00 a0 00 00 00 2a");

    private final RtpReceiveFilter ulawOnly = new RtpReceiveFilter(200, 0);

    static Stream<Arguments> datagrams() {
        return Stream.of(
                Arguments.of("ulaw packet", concat(ULAW_HEADER, filled(160, 0xFF)), DropReason.NONE, "accepted"),
                Arguments.of(
                        "larger than the limit",
                        concat(ULAW_HEADER, filled(189, 0xFF)),
                        DropReason.OVERSIZED,
                        "datagram of 201 bytes exceeds the 200-byte limit"),
                Arguments.of(
                        "RTCP receiver report",
                        bytes("81 c9 00 07 00 00 00 01 00 00 00 02 00 00 00 00"),
                        DropReason.RTCP_ON_RTP_PORT,
                        "RTCP packet (type 201) on the RTP port"),
                Arguments.of(
                        "RTCP sender report",
                        concat(bytes("80 c8 00 06"), filled(24, 0)),
                        DropReason.RTCP_ON_RTP_PORT,
                        "RTCP packet (type 200) on the RTP port"),
                Arguments.of(
                        "RTCP BYE, 8 bytes",
                        bytes("81 cb 00 01 00 00 00 01"),
                        DropReason.RTCP_ON_RTP_PORT,
                        "RTCP packet (type 203) on the RTP port"),
                Arguments.of("too short", bytes("80 00 00"), DropReason.TOO_SHORT, "header too short: 3 < 12 bytes"),
                Arguments.of(
                        "header only", ULAW_HEADER, DropReason.EMPTY_PAYLOAD, "no payload: 0 bytes after the header"),
                Arguments.of(
                        "padding only",
                        bytes("a0 00 00 01 00 00 00 00 00 00 00 01 00 00 00 04"),
                        DropReason.EMPTY_PAYLOAD,
                        "no payload: 0 bytes after the header"),
                Arguments.of(
                        "alaw on a ulaw leg",
                        concat(bytes("80 08 00 01 00 00 00 a0 00 00 00 2a"), filled(160, 0xD5)),
                        DropReason.UNKNOWN_PAYLOAD_TYPE,
                        "payload type 8 is not accepted here"),
                Arguments.of(
                        "telephone-event with marker",
                        concat(bytes("80 e5 00 01 00 00 00 a0 00 00 00 2a"), filled(4, 0)),
                        DropReason.UNKNOWN_PAYLOAD_TYPE,
                        "payload type 101 is not accepted here"),
                Arguments.of(
                        "version 1",
                        concat(bytes("40 00 00 01 00 00 00 a0 00 00 00 2a"), filled(4, 0)),
                        DropReason.BAD_VERSION,
                        "RTP version 1, expected 2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("datagrams")
    void admitsOrNamesTheReason(String name, byte[] datagram, DropReason reason, String message) {
        RtpPacket p = new RtpPacket();

        assertThat(ulawOnly.admit(datagram, 0, datagram.length, p)).isEqualTo(reason);
        assertThat(p.lastDrop()).isEqualTo(reason);
        assertThat(p.lastDropMessage()).isEqualTo(message);
    }

    @Test
    void acceptsEachConfiguredPayloadType() {
        RtpReceiveFilter filter = new RtpReceiveFilter(RtpReceiveFilter.DEFAULT_MAX_DATAGRAM_BYTES, 0, 8, 10, 118);
        assertThat(filter.accepts(0)).isTrue();
        assertThat(filter.accepts(118)).isTrue();
        assertThat(filter.accepts(9)).isFalse();
        assertThat(filter.accepts(-1)).isFalse();
        assertThat(filter.receiveBufferBytes()).isEqualTo(1501);
        assertThat(filter.toString()).isEqualTo("RtpReceiveFilter[max=1500 pt=0,8,10,118]");
        RtpPacket p = new RtpPacket();
        byte[] slin16 = concat(bytes("80 76 00 01 00 00 00 a0 00 00 00 2a"), filled(640, 0));
        assertThat(filter.admit(slin16, 0, slin16.length, p)).isEqualTo(DropReason.NONE);
        assertThat(p.payloadLength()).isEqualTo(640);
    }

    @Test
    void refusesAUselessConfiguration() {
        assertThatThrownBy(() -> new RtpReceiveFilter(1500)).hasMessageContaining("at least one accepted payload type");
        assertThatThrownBy(() -> new RtpReceiveFilter(1500, 128)).hasMessage("RTP payload type 128 is outside 0..127");
        assertThatThrownBy(() -> new RtpReceiveFilter(8, 0))
                .hasMessage("maximum RTP datagram size 8 is outside 12..65535 bytes");
    }

    @Test
    void everyReasonHasAUniqueSnakeCaseLabelAndAHint() {
        Set<String> labels = new HashSet<>();
        for (DropReason reason : DropReason.values()) {
            assertThat(reason.label()).matches("[a-z]+(_[a-z]+)*");
            assertThat(labels.add(reason.label()))
                    .as("label %s is unique", reason.label())
                    .isTrue();
            if (reason != DropReason.NONE) {
                assertThat(reason.hint()).isNotBlank();
                assertThat(reason.describe(1, 2)).isNotBlank();
            }
        }
        assertThat(Arrays.stream(DropReason.values()).map(DropReason::label))
                .contains(
                        "too_short",
                        "bad_version",
                        "csrc_past_end",
                        "extension_past_end",
                        "padding_past_end",
                        "unknown_payload_type",
                        "oversized",
                        "rtcp_on_rtp_port",
                        "unexpected_source");
    }
}
