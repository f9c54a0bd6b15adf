package io.parley.rtpleg;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.config.SourcePin;
import io.parley.leg.Presence;
import io.parley.rtp.DropReason;
import io.parley.rtpleg.SourceGuard.Verdict;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Who may send to a leg: the address signalling gave, or a source that proved itself and is alive. */
class SourceGuardTest {
    private static final long SECOND = 1_000_000_000L;
    private static final InetSocketAddress CALLER = new InetSocketAddress("127.0.0.1", 12000);
    private static final InetSocketAddress STRANGER = new InetSocketAddress("127.0.0.1", 40000);
    private final SourceGuard guard = new SourceGuard(Optional.empty(), Presence.RTP_NANOS);

    private static Optional<SourcePin> pin(String text) {
        return SourcePin.parse(text, new String[1]);
    }

    @Test
    void aLegDrivenBySignallingTakesOnlyTheCallsAddressAndNothingWithoutACall() {
        guard.drive();
        assertThat(guard.admit(STRANGER, 1, 0)).isEqualTo(Verdict.DROP);
        assertThat(guard.dropReason()).isEqualTo(DropReason.NO_CALL);
        assertThat(guard.remote()).isNull();

        guard.expect(CALLER);
        assertThat(guard.remote()).as("where to send, before any packet").isEqualTo(CALLER);
        for (int i = 0; i < 100; i++) {
            assertThat(guard.admit(STRANGER, 2 + i, i)).isEqualTo(Verdict.DROP);
            assertThat(guard.dropReason()).isEqualTo(DropReason.UNEXPECTED_SOURCE);
        }
        assertThat(guard.admit(CALLER, 7, 200))
                .as("the caller's first packet plays at once")
                .isEqualTo(Verdict.ACCEPT);

        guard.release();
        assertThat(guard.admit(CALLER, 8, 300)).isEqualTo(Verdict.DROP);
        assertThat(guard.dropReason()).as("the tail of an ended call").isEqualTo(DropReason.NO_CALL);
        assertThat(guard.remote()).isNull();
    }

    @Test
    void withoutSignallingASourceIsAcceptedAfterARunInSequenceAndKeepsTheLegWhileAlive() {
        assertThat(guard.admit(STRANGER, 100, 0))
                .as("one datagram never takes a leg")
                .isEqualTo(Verdict.HOLD);
        assertThat(guard.remote()).isNull();
        assertThat(guard.admit(CALLER, 5, 1))
                .as("another source: the stranger's is abandoned")
                .isEqualTo(Verdict.HOLD_RESTART);
        assertThat(guard.admit(CALLER, 6, 20_000_000)).isEqualTo(Verdict.CONFIRM);
        assertThat(guard.remote()).isEqualTo(CALLER);

        // The caller goes quiet (Asterisk sends nothing while they listen): 5 s later a stranger's
        // stream in perfect sequence still cannot take the leg.
        for (int i = 0; i < 50; i++) {
            assertThat(guard.admit(STRANGER, 200 + i, 5 * SECOND + i * 20_000_000L))
                    .isEqualTo(Verdict.DROP);
            assertThat(guard.dropReason()).isEqualTo(DropReason.UNEXPECTED_SOURCE);
        }
        assertThat(guard.remote()).isEqualTo(CALLER);
        assertThat(guard.admit(CALLER, 7, 9 * SECOND)).isEqualTo(Verdict.ACCEPT);

        // Gone for longer than a caller counts as present: the next call's source may prove itself.
        long later = 9 * SECOND + Presence.RTP_NANOS + 1;
        assertThat(guard.admit(STRANGER, 300, later)).isEqualTo(Verdict.HOLD);
        assertThat(guard.admit(STRANGER, 301, later + 20_000_000)).isEqualTo(Verdict.CONFIRM);
        assertThat(guard.remote()).isEqualTo(STRANGER);
    }

    @Test
    void twoPacketsSwappedOnTheWayStillProveASource() {
        assertThat(guard.admit(CALLER, 11, 0)).isEqualTo(Verdict.HOLD);
        assertThat(guard.admit(CALLER, 10, 1))
                .as("both are played; nothing is abandoned")
                .isEqualTo(Verdict.CONFIRM);
        assertThat(guard.remote()).isEqualTo(CALLER);
    }

    @Test
    void packetsOutOfSequenceNeverProveASource() {
        for (int i = 0; i < 20; i++) {
            Verdict v = guard.admit(STRANGER, i * 1000, i);
            assertThat(v).isIn(Verdict.HOLD, Verdict.HOLD_RESTART);
        }
        assertThat(guard.remote()).isNull();
        assertThat(guard.admit(CALLER, 65535, 100)).isEqualTo(Verdict.HOLD_RESTART);
        assertThat(guard.admit(CALLER, 0, 101)).as("the sequence wraps").isEqualTo(Verdict.CONFIRM);
    }

    @Test
    void aPinKeepsEveryoneElseOutWithOrWithoutSignalling() {
        SourceGuard pinned = new SourceGuard(pin("10.1.2.0/24"), Presence.RTP_NANOS);
        assertThat(pinned.admit(STRANGER, 1, 0)).isEqualTo(Verdict.DROP);
        assertThat(pinned.dropReason()).isEqualTo(DropReason.SOURCE_NOT_ALLOWED);
        InetSocketAddress inside = new InetSocketAddress("10.1.2.77", 4000);
        assertThat(pinned.admit(inside, 1, 0)).isEqualTo(Verdict.HOLD);
        assertThat(pinned.admit(inside, 2, 1)).isEqualTo(Verdict.CONFIRM);
        assertThat(pinned.allows(STRANGER)).isFalse();

        pinned.expect(STRANGER); // signalling named an address outside the pin: the pin still wins
        assertThat(pinned.admit(STRANGER, 3, 2)).isEqualTo(Verdict.DROP);
        assertThat(pinned.dropReason()).isEqualTo(DropReason.SOURCE_NOT_ALLOWED);
    }

    @Test
    void aCallWhoseAddressSignallingDidNotGiveLearnsItsSourceForThatCallOnly() {
        guard.drive();
        guard.learnForCall();
        assertThat(guard.admit(CALLER, 1, 0)).isEqualTo(Verdict.HOLD);
        assertThat(guard.admit(CALLER, 2, 1)).isEqualTo(Verdict.CONFIRM);
        assertThat(guard.remote()).isEqualTo(CALLER);
        guard.release();
        assertThat(guard.admit(CALLER, 3, 2)).isEqualTo(Verdict.DROP);
        assertThat(guard.dropReason()).isEqualTo(DropReason.NO_CALL);
    }
}
