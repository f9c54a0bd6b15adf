package io.parley.rtpleg;

import io.parley.audio.LevelMeter;
import io.parley.event.LegStats;
import io.parley.rtp.ReceiveSnapshot;

/**
 * What the path a leg's accepted packets take reports for the leg's statistics: what the network
 * did to them, what playout did with them, and the level of the caller's audio. A jitter buffer
 * ({@link JitterPlayout}) and a forwarder ({@link PacketForwarder}) each know their own part.
 */
interface Reception {
    /** Before the leg is started: nothing seen yet. */
    Reception NONE = new Reception() {
        @Override
        public LegStats.Network network(ReceiveSnapshot stream) {
            return new LegStats.Network(Math.max(0, stream.lost()), 0, 0, stream.jitterMillis());
        }

        @Override
        public LegStats.Playout playout() {
            return LegStats.Playout.NONE;
        }

        @Override
        public double levelDbfs() {
            return LevelMeter.FLOOR_DBFS;
        }
    };

    /** @param stream the receiver's RFC 3550 statistics of the caller's stream */
    LegStats.Network network(ReceiveSnapshot stream);

    LegStats.Playout playout();

    /** The level of the caller's latest audio, dBFS. */
    double levelDbfs();
}
