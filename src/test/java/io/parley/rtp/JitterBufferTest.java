package io.parley.rtp;

import static io.parley.rtp.VirtualStream.MS;
import static io.parley.rtp.VirtualStream.count;
import static io.parley.rtp.VirtualStream.playedSequence;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.rtp.VirtualStream.Played;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class JitterBufferTest {
    private static final JitterBufferSettings ULAW = JitterBufferSettings.forCodec(8000, 1, 160);

    private final JitterBuffer buffer = new JitterBuffer(ULAW);
    private final VirtualStream stream = new VirtualStream(buffer);

    private static List<Integer> range(int from, int toExclusive) {
        return IntStream.range(from, toExclusive).boxed().toList();
    }

    @Test
    void playsPacketsReorderedWithinTheWindowInOrder() {
        for (int i = 0; i < 20; i++) {
            double at = switch (i) {
                case 5 -> 20 * 6 + 2; // after 6
                case 10 -> 20 * 11 + 5; // after 11
                default -> 20 * i + 1;
            };
            stream.arrive(at, i);
        }

        List<Played> played = stream.run(0, 600);

        assertThat(playedSequence(played)).isEqualTo(range(0, 20));
        assertThat(count(played, PollResult.LOST)).isZero();
        assertThat(stream.inserted).containsOnly(InsertResult.ACCEPTED);
        JitterBufferSnapshot s = buffer.snapshot();
        assertThat(s.reordered()).isEqualTo(2);
        assertThat(s.accepted()).isEqualTo(20);
        assertThat(s.lost()).isZero();
    }

    @Test
    void discardsAndCountsDuplicatesAndLatePackets() {
        for (int i = 0; i < 3; i++) {
            assertThat(stream.insertNow(20 * i, i, 160L * i, 160, stream.ssrc, false))
                    .isEqualTo(InsertResult.ACCEPTED);
        }
        assertThat(stream.poll(40 * MS).seq()).isZero();
        stream.insertNow(60, 3, 480, 160, stream.ssrc, false);
        assertThat(stream.poll(60 * MS).seq()).isEqualTo(1);
        stream.insertNow(80, 4, 640, 160, stream.ssrc, false);

        assertThat(stream.insertNow(81, 3, 480, 160, stream.ssrc, false)).isEqualTo(InsertResult.DUPLICATE);
        assertThat(stream.insertNow(82, 1, 160, 160, stream.ssrc, false)).isEqualTo(InsertResult.LATE);
        assertThat(stream.insertNow(83, 0, 0, 160, stream.ssrc, false)).isEqualTo(InsertResult.LATE);

        assertThat(stream.poll(80 * MS).seq()).isEqualTo(2);
        assertThat(stream.poll(100 * MS).seq()).isEqualTo(3);
        assertThat(stream.poll(120 * MS).seq()).isEqualTo(4);
        assertThat(stream.poll(140 * MS).result()).isEqualTo(PollResult.EMPTY);
        JitterBufferSnapshot s = buffer.snapshot();
        assertThat(s.duplicates()).isEqualTo(1);
        assertThat(s.late()).isEqualTo(2);
        assertThat(s.accepted()).isEqualTo(5);
        assertThat(s.lost()).isZero();
        assertThat(s.trimmed()).isZero();
    }

    @Test
    void reportsAMissingFrameAsLostExactlyOnce() {
        for (int i = 0; i < 10; i++) {
            if (i != 4) {
                stream.arrive(20 * i + 1, i);
            }
        }

        List<Played> played = stream.run(0, 400);

        assertThat(playedSequence(played)).isEqualTo(List.of(0, 1, 2, 3, 5, 6, 7, 8, 9));
        List<Played> lost =
                played.stream().filter(p -> p.result() == PollResult.LOST).toList();
        assertThat(lost).hasSize(1);
        assertThat(lost.getFirst().seq()).isEqualTo(4);
        assertThat(lost.getFirst().timestamp()).isEqualTo(4 * 160);
        assertThat(lost.getFirst().samples()).isEqualTo(160);
        assertThat(lost.getFirst().length()).isZero();
        // Nothing but the loss interrupts the run of packets.
        int first = played.indexOf(played.stream()
                .filter(p -> p.result() == PollResult.PACKET)
                .findFirst()
                .orElseThrow());
        assertThat(played.subList(first, first + 10)).extracting(Played::result).doesNotContain(PollResult.EMPTY);

        assertThat(stream.insertNow(401, 4, 640, 160, stream.ssrc, false)).isEqualTo(InsertResult.LATE);
        JitterBufferSnapshot s = buffer.snapshot();
        assertThat(s.lost()).isEqualTo(1);
        assertThat(s.concealed()).isEqualTo(1);
        assertThat(s.late()).isEqualTo(1);
    }

    @Test
    void aNewSsrcFlushesAndRestartsOnTheNewStream() {
        for (int i = 0; i < 5; i++) {
            stream.arrive(20 * i + 1, i);
        }
        List<Played> before = stream.run(0, 100);
        assertThat(playedSequence(before)).isEqualTo(List.of(0, 1, 2));

        stream.ssrc = 0xB0B;
        for (int k = 0; k < 10; k++) {
            stream.arrive(91 + 20 * k, 9000 + k, 777_000L + 160L * k, 160, k == 0);
        }
        List<Played> after = stream.run(100, 500);

        assertThat(stream.inserted.get(5)).isEqualTo(InsertResult.RESYNC);
        assertThat(playedSequence(after)).isEqualTo(range(9000, 9010));
        Played firstOfNew = after.stream()
                .filter(p -> p.result() == PollResult.PACKET)
                .findFirst()
                .orElseThrow();
        assertThat(firstOfNew.talkSpurtStart()).isTrue();
        assertThat(firstOfNew.timestamp()).isEqualTo(777_000L);
        assertThat(count(after, PollResult.LOST)).isZero();
        assertThat(buffer.snapshot().resyncs()).isEqualTo(1);
    }

    @Test
    void aStragglerOfTheOldSsrcIsLateButTheOldSourceMayComeBackLater() {
        for (int i = 0; i < 5; i++) {
            stream.insertNow(20 * i, i, 160L * i, 160, 0xA, false);
        }
        assertThat(stream.insertNow(100, 9000, 50_000, 160, 0xB, true)).isEqualTo(InsertResult.RESYNC);
        assertThat(stream.insertNow(101, 5, 800, 160, 0xA, false)).isEqualTo(InsertResult.LATE);
        assertThat(stream.insertNow(120, 9001, 50_160, 160, 0xB, false)).isEqualTo(InsertResult.ACCEPTED);
        // Much later the first source really returns.
        assertThat(stream.insertNow(5000, 300, 90_000, 160, 0xA, true)).isEqualTo(InsertResult.RESYNC);
        JitterBufferSnapshot s = buffer.snapshot();
        assertThat(s.resyncs()).isEqualTo(2);
        assertThat(s.late()).isEqualTo(1);
    }

    @Test
    void aTimestampJumpThatTheArrivalTimeDoesNotExplainResyncs() {
        for (int i = 0; i < 5; i++) {
            stream.insertNow(20 * i, i, 160L * i, 160, stream.ssrc, false);
        }
        // Five seconds of timestamps in 20 ms of arrival time.
        assertThat(stream.insertNow(100, 5, 160L * 5 + 40_000, 160, stream.ssrc, false))
                .isEqualTo(InsertResult.RESYNC);
        assertThat(buffer.snapshot().resyncs()).isEqualTo(1);
    }

    @Test
    void silenceWhoseTimestampsMatchTheArrivalTimeIsNoJump() {
        for (int i = 0; i < 5; i++) {
            stream.insertNow(20 * i, i, 160L * i, 160, stream.ssrc, false);
        }
        // The sender was silent for five seconds: no packets, timestamps moved on with time.
        assertThat(stream.insertNow(100 + 5000, 5, 160L * 5 + 40_000, 160, stream.ssrc, true))
                .isEqualTo(InsertResult.ACCEPTED);
        assertThat(buffer.snapshot().resyncs()).isZero();
    }

    @Test
    void aSequenceJumpOfMoreThanAHundredEitherWayResyncs() {
        for (int i = 0; i < 5; i++) {
            stream.insertNow(20 * i, i, 160L * i, 160, stream.ssrc, false);
        }
        assertThat(stream.insertNow(100, 4 + 101, 160L * 5, 160, stream.ssrc, false))
                .isEqualTo(InsertResult.RESYNC);
        assertThat(stream.insertNow(120, 106, 160L * 6, 160, stream.ssrc, false))
                .isEqualTo(InsertResult.ACCEPTED);
        assertThat(stream.insertNow(140, 65_000, 160L * 7, 160, stream.ssrc, false))
                .isEqualTo(InsertResult.RESYNC);
        assertThat(stream.insertNow(160, 65_000 - 100, 160L * 8, 160, stream.ssrc, false))
                .as("100 behind is not a jump, just too late")
                .isEqualTo(InsertResult.LATE);
        assertThat(buffer.snapshot().resyncs()).isEqualTo(2);
    }

    @Test
    void wrapsThrough65535ToZeroWithReorderingAcrossIt() {
        int[] seqs = {65530, 65531, 65532, 65533, 65534, 65535, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        for (int k = 0; k < seqs.length; k++) {
            double at = switch (seqs[k]) {
                case 65535 -> 20 * 6 + 3; // after 0
                case 1 -> 20 * 8 + 3; // after 2
                default -> 20 * k + 1;
            };
            stream.arrive(at, seqs[k], 160L * k, 160, false);
        }

        List<Played> played = stream.run(0, 500);

        assertThat(playedSequence(played))
                .containsExactly(65530, 65531, 65532, 65533, 65534, 65535, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(count(played, PollResult.LOST)).isZero();
        assertThat(buffer.snapshot().reordered()).isEqualTo(2);
        assertThat(buffer.snapshot().resyncs()).isZero();
    }

    @Test
    void theTargetGrowsUnderJitterAndShrinksBackWhenTheNetworkCalms() {
        SplittableRandom random = new SplittableRandom(7);
        int n = 0;
        for (; n < 300; n++) {
            stream.arrive(20 * n + random.nextDouble(0, 80), n);
        }
        stream.run(0, 20 * n + 100);
        double jitteryTarget = buffer.targetMillis();

        int calmFrom = n;
        for (; n < calmFrom + 1000; n++) {
            stream.arrive(20 * n + 1, n);
        }
        List<Played> calm = stream.run(20 * calmFrom + 100, 20 * n + 10);
        JitterBufferSnapshot s = buffer.snapshot();

        assertThat(jitteryTarget).as("target under 0-80 ms of jitter").isGreaterThan(80);
        assertThat(s.targetMillis()).as("target after 20 s of calm").isLessThan(21);
        assertThat(s.depthMillis()).as("depth follows the target back down").isLessThanOrEqualTo(s.targetMillis() + 20);
        assertThat(s.trimmed()).as("the excess was trimmed, and counted").isPositive();
        // The calm stretch plays every packet that was not trimmed, in order, without loss.
        List<Integer> calmSeqs = playedSequence(calm);
        assertThat(calmSeqs).isSorted();
        assertThat(count(calm.subList(calm.size() / 2, calm.size()), PollResult.LOST))
                .isZero();
    }

    @Test
    void reportsTheSampleCountOfAShortLastPacket() {
        for (int i = 0; i < 4; i++) {
            stream.arrive(20 * i + 1, i);
        }
        stream.arrive(20 * 4 + 1, 4, 640, 40, false);

        List<Played> packets = stream.run(0, 300).stream()
                .filter(p -> p.result() == PollResult.PACKET)
                .toList();

        assertThat(packets).extracting(Played::samples).containsExactly(160, 160, 160, 160, 40);
        assertThat(packets.getLast().length()).isEqualTo(40);
        assertThat(packets.getLast().timestamp()).isEqualTo(640);
    }

    @Test
    void countsSamplesOfLinearPayloadsByTwoBytesEach() {
        JitterBuffer slin = new JitterBuffer(JitterBufferSettings.forCodec(8000, 2, 320));
        VirtualStream s = new VirtualStream(slin);
        s.arrive(1, 0, 0, 320, true).arrive(21, 1, 160, 320, false).arrive(41, 2, 320, 100, false);

        List<Played> packets = s.run(0, 200).stream()
                .filter(p -> p.result() == PollResult.PACKET)
                .toList();

        assertThat(packets).extracting(Played::samples).containsExactly(160, 160, 50);
    }

    @Test
    void aTalkSpurtGapIsEmptyNeverLost() {
        for (int i = 0; i < 10; i++) {
            stream.arrive(20 * i + 1, i);
        }
        // Two seconds of silence: the bridge sends nothing; numbering continues, timestamps jump.
        for (int i = 10; i < 20; i++) {
            stream.arrive(2000 + 20 * i + 1, i, 16_000 + 160L * i, 160, i == 10);
        }

        List<Played> played = stream.run(0, 3000);

        assertThat(playedSequence(played)).isEqualTo(range(0, 20));
        assertThat(count(played, PollResult.LOST)).isZero();
        assertThat(count(played, PollResult.EMPTY)).isGreaterThan(90);
        assertThat(played.stream()
                        .filter(p -> p.seq() == 10 && p.result() == PollResult.PACKET)
                        .findFirst()
                        .orElseThrow()
                        .talkSpurtStart())
                .isTrue();
        JitterBufferSnapshot s = buffer.snapshot();
        assertThat(s.lost()).isZero();
        assertThat(s.underruns()).as("a pause is not an underrun").isZero();
        assertThat(s.resyncs()).isZero();
    }

    @Test
    void runningDryMidSpurtIsAnUnderrunAndPlayoutResumesInOrder() {
        for (int i = 0; i < 20; i++) {
            double at = switch (i) {
                case 10 -> 251; // 50 ms late
                case 11 -> 252; // 30 ms late
                default -> 20 * i + 1;
            };
            stream.arrive(at, i);
        }

        List<Played> played = stream.run(0, 600);

        assertThat(playedSequence(played)).isEqualTo(range(0, 20));
        assertThat(count(played, PollResult.LOST)).isZero();
        JitterBufferSnapshot s = buffer.snapshot();
        assertThat(s.underruns()).isEqualTo(1);
        assertThat(s.lost()).isZero();
    }

    @Test
    void keepsATimestampPauseBetweenBufferedPackets() {
        JitterBuffer deep = new JitterBuffer(ULAW.withDelays(100, 100, 200));
        VirtualStream s = new VirtualStream(deep);
        for (int i = 0; i < 10; i++) {
            long pause = i < 5 ? 0 : 480; // 60 ms without packets after seq 4
            s.arrive(20 * i + 1 + pause / 8.0, i, 160L * i + pause, 160, false);
        }

        List<Played> played = s.run(0, 600);
        List<PollResult> results = played.stream().map(Played::result).toList();
        int fourth = played.indexOf(played.stream()
                .filter(p -> p.seq() == 4 && p.result() == PollResult.PACKET)
                .findFirst()
                .orElseThrow());

        assertThat(results.subList(fourth + 1, fourth + 5))
                .containsExactly(PollResult.EMPTY, PollResult.EMPTY, PollResult.EMPTY, PollResult.PACKET);
        assertThat(played.get(fourth + 4).seq()).isEqualTo(5);
        assertThat(playedSequence(played)).isEqualTo(range(0, 10));
        assertThat(deep.snapshot().underruns()).isZero();
    }

    @Test
    void overflowDiscardsTheOldestAndKeepsTheNewest() {
        JitterBuffer small = new JitterBuffer(ULAW.withSlots(8).withDelays(200, 200, 200));
        VirtualStream s = new VirtualStream(small);
        for (int i = 0; i < 10; i++) {
            InsertResult r = s.insertNow(i * 0.1, i, 160L * i, 160, s.ssrc, false);
            assertThat(r).isEqualTo(i < 8 ? InsertResult.ACCEPTED : InsertResult.OVERFLOW);
        }

        List<Integer> played = playedSequence(s.run(1000, 1300));

        assertThat(played).isEqualTo(range(2, 10));
        assertThat(small.snapshot().overflow()).isEqualTo(2);
    }

    @Test
    void refusesPayloadsLargerThanASlot() {
        assertThat(stream.insertNow(0, 1, 0, 161, stream.ssrc, false)).isEqualTo(InsertResult.OVERSIZED);
        assertThat(buffer.snapshot().oversized()).isEqualTo(1);
        assertThat(buffer.snapshot().accepted()).isZero();
        assertThat(stream.poll(100 * MS).result()).isEqualTo(PollResult.EMPTY);
    }

    @Test
    void startsAtTheInitialTargetAndReportsDepth() {
        assertThat(buffer.targetMillis()).isEqualTo(40);
        assertThat(buffer.depthMillis()).isZero();
        for (int i = 0; i < 3; i++) {
            stream.insertNow(20 * i, i, 160L * i, 160, stream.ssrc, false);
        }
        assertThat(buffer.depthMillis()).isEqualTo(60);
        assertThat(stream.poll(40 * MS).result()).isEqualTo(PollResult.PACKET);
        assertThat(buffer.depthMillis()).isEqualTo(40);
    }

    @Test
    void refusesAFrameTooSmallForItsSlots() {
        assertThatThrownBy(() -> buffer.poll(0, new PlayoutFrame(100)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("smaller than the jitter buffer's 160-byte slots");
    }
}
