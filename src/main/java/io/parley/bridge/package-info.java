/**
 * Composes the legs into bridges and hosts them: {@link io.parley.bridge.BridgeHost} builds each
 * configured bridge for this process's {@link io.parley.bridge.Role} (gateways from {@code gateway},
 * ExternalMedia legs from {@code rtpleg}, the bridge's end of a PCM link from {@code pcmlink},
 * AudioSocket legs through a {@link io.parley.bridge.LegFactory}), joins two legs with a
 * {@link io.parley.bridge.CrossPatchBridge} (packets forwarded on arrival where both legs take
 * them, else frames on the clock) or a translation bridge from {@code translation}, taps legs for
 * recording ({@link io.parley.bridge.LegTaps}), and samples every leg's statistics onto the
 * {@code event} bus ({@link io.parley.bridge.StatsSampler}). The UDP sockets and the clocks it
 * uses come from {@code media}.
 */
package io.parley.bridge;
