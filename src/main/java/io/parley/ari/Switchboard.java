package io.parley.ari;

import io.parley.event.CallEvent;
import io.parley.event.EventBus;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The call flows: puts each channel that enters the Stasis application into its leg's media.
 *
 * <p>A caller whose {@code StasisStart} names an extension of a leg ({@code Stasis(parley,${EXTEN})})
 * is answered and put in a new mixing bridge; an ExternalMedia channel to the leg's port is created,
 * the leg is told the address Asterisk gave for it (it takes RTP only from there and sends there at
 * once: a caller who listens sends Asterisk nothing, so no RTP would ever show parley where they
 * are), and the channel is added to the bridge once its own {@code StasisStart} arrives (before it,
 * Asterisk answers 422). The bridge plays its waiting tone to the caller until the partner extension
 * is connected too. When either channel or the bridge goes, the call's channels and bridge are torn
 * down, whatever order the events come in, and the leg takes the next call. A second call to a busy
 * extension is hung up with cause busy; a call to an unknown extension with cause unallocated.
 *
 * <p>Threading: every method runs on the ARI event thread (it is the stream's listener); REST calls
 * block that thread, which keeps the handling of events in Asterisk's order.
 */
public final class Switchboard implements AriEventStream.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(Switchboard.class);

    private final AriClient ari;
    private final LegDirectory legs;
    private final EventBus bus;
    private final Calls calls = new Calls();
    private final Reconciler reconciler;

    public Switchboard(AriClient ari, LegDirectory legs, EventBus bus) {
        this.ari = ari;
        this.legs = legs;
        this.bus = bus;
        this.reconciler = new Reconciler(ari, this, calls);
    }

    /** Prefix of the ids of bridges this application creates; leftovers of an earlier run share it. */
    String bridgePrefix() {
        return ari.app() + "-br-";
    }

    /** Prefix of the ids of ExternalMedia channels this application creates. */
    String mediaPrefix() {
        return ari.app() + "-em-";
    }

    @Override
    public void connected() {
        reconciler.reconcile();
    }

    @Override
    public void disconnected(String reason) {
        // Calls stay as they are: the channels may well survive; the next connection reconciles.
    }

    @Override
    public void event(AriEvent event) {
        switch (event.type()) {
            case AriEvent.STASIS_START -> stasisStart(event);
            case AriEvent.STASIS_END, AriEvent.CHANNEL_DESTROYED ->
                calls.withChannel(event.channelId()).ifPresent(call -> end(call, channelGone(call, event)));
            case AriEvent.BRIDGE_DESTROYED ->
                calls.withBridge(event.bridgeId())
                        .ifPresent(call -> end(call, "its bridge " + event.bridgeId() + " was destroyed"));
            case AriEvent.APPLICATION_REPLACED ->
                LOG.error(
                        "another client took over ARI application '{}': this parley"
                                + " gets no more calls until it reconnects; run only one parley per application name",
                        ari.app());
            default -> {
                // ChannelHangupRequest, ChannelStateChange, bridge entries and exits: the end events follow.
            }
        }
    }

    private static String channelGone(Call call, AriEvent event) {
        String who = event.channelId().equals(call.callerId) ? "caller" : "media channel";
        String cause = event.cause() > 0 ? " (cause " + event.cause() + ")" : "";
        return who + " " + event.channelId() + " left (" + event.type() + ")" + cause;
    }

    private void stasisStart(AriEvent event) {
        AriChannel channel = event.channel().orElseThrow();
        Optional<Call> own = calls.withChannel(channel.id());
        if (own.isPresent()) {
            if (channel.id().equals(own.get().mediaId)) {
                mediaInStasis(own.get(), false);
            }
            return;
        }
        if (channel.id().startsWith(mediaPrefix())) {
            LOG.info("ExternalMedia channel {} of an earlier run entered Stasis; hanging it up", channel.id());
            ari.hangup(channel.id(), HangupReason.NORMAL);
            return;
        }
        incoming(channel, event.args());
    }

    /** A caller entered Stasis with {@code args}: route it to its leg, or refuse it. */
    void incoming(AriChannel channel, List<String> args) {
        String extension = args.isEmpty() ? "" : args.getFirst().strip();
        if (extension.isEmpty()) {
            refuse(
                    channel,
                    "",
                    "",
                    HangupReason.UNALLOCATED,
                    "no extension in the Stasis arguments: the dialplan must" + " be Stasis(" + ari.app()
                            + ",${EXTEN})");
            return;
        }
        Optional<LegBinding> leg = legs.find(extension);
        if (leg.isEmpty()) {
            refuse(channel, extension, "", HangupReason.UNALLOCATED, "no bridge has a leg with extension " + extension);
            return;
        }
        Optional<Call> busy = calls.onExtension(extension);
        if (busy.isPresent()) {
            refuse(
                    channel,
                    extension,
                    leg.get().bridge(),
                    HangupReason.BUSY,
                    "extension " + extension + " is busy with caller " + busy.get().callerId);
            return;
        }
        start(channel, leg.get());
    }

    private void refuse(AriChannel channel, String extension, String bridge, HangupReason reason, String why) {
        LOG.warn(
                "call from '{}' on channel {} to extension '{}' refused ({}): {}",
                channel.callerNumber(),
                channel.id(),
                extension,
                reason.wire(),
                why);
        try {
            ari.hangup(channel.id(), reason);
        } catch (AriException e) {
            LOG.warn("could not hang up refused channel {}: {}", channel.id(), e.getMessage());
        }
        bus.publish(new CallEvent(
                System.currentTimeMillis(), bridge, extension, CallEvent.Kind.REFUSED, channel.id(), why));
    }

    private void start(AriChannel caller, LegBinding leg) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Call call = new Call(
                leg,
                caller.id(),
                bridgePrefix() + leg.extension() + "-" + tag,
                mediaPrefix() + leg.extension() + "-" + tag);
        calls.add(call);
        LOG.info(
                "call from '{}' on channel {} to extension {} of bridge '{}': media to {} in {}",
                caller.callerNumber(),
                caller.id(),
                leg.extension(),
                leg.bridge(),
                leg.externalHost(),
                leg.format());
        try {
            ari.answer(call.callerId);
            ari.createMixingBridge(call.bridgeId, "parley/" + leg.bridge() + "/" + leg.extension());
            ari.addChannel(call.bridgeId, call.callerId);
            // Its StasisStart comes later, maybe before this answer: it is queued behind us on this thread.
            AriChannel media = ari.externalMedia(call.mediaId, leg.externalHost(), leg.format());
            Optional<InetSocketAddress> address = mediaAddress(media);
            legs.callerConnected(call.extension(), call.callerId, address);
            call.legTold = true;
        } catch (AriException e) {
            end(call, "setting up failed: " + e.getMessage());
        }
    }

    /**
     * Where Asterisk takes and sends the call's RTP: the ExternalMedia answer's
     * {@code UNICASTRTP_LOCAL_ADDRESS} and {@code _PORT}; empty (with a warning) when they are missing
     * or unusable, and the leg then learns the source from the RTP it receives.
     */
    static Optional<InetSocketAddress> mediaAddress(AriChannel media) {
        String host = media.variables().getOrDefault("UNICASTRTP_LOCAL_ADDRESS", "");
        String port = media.variables().getOrDefault("UNICASTRTP_LOCAL_PORT", "");
        try {
            InetAddress address = InetAddress.ofLiteral(host);
            int p = Integer.parseInt(port);
            if (!address.isAnyLocalAddress() && p > 0 && p < 65536) {
                return Optional.of(new InetSocketAddress(address, p));
            }
        } catch (IllegalArgumentException e) {
            // handled below (NumberFormatException is one)
        }
        LOG.warn(
                "ExternalMedia channel {} did not say where its RTP is (UNICASTRTP_LOCAL_ADDRESS '{}', _PORT '{}'):"
                        + " the leg learns the source from the RTP it receives, and a caller who stays silent hears nothing"
                        + " until they make a sound",
                media.id(),
                host,
                port);
        return Optional.empty();
    }

    /**
     * The ExternalMedia channel is in Stasis: add it to the bridge. During reconciliation a 422 only
     * means its StasisStart is still to come.
     */
    void mediaInStasis(Call call, boolean reconciling) {
        if (call.stage != Call.Stage.AWAITING_MEDIA) {
            return;
        }
        try {
            ari.addChannel(call.bridgeId, call.mediaId);
        } catch (AriException e) {
            if (reconciling && e.status() == 422) {
                return;
            }
            end(call, "adding media channel " + call.mediaId + " to the bridge failed: " + e.getMessage());
            return;
        }
        call.stage = Call.Stage.CONNECTED;
        LOG.info(
                "extension {} connected: caller {} and media {} in bridge {}",
                call.extension(),
                call.callerId,
                call.mediaId,
                call.bridgeId);
        bus.publish(new CallEvent(
                System.currentTimeMillis(),
                call.leg.bridge(),
                call.extension(),
                CallEvent.Kind.STARTED,
                call.callerId,
                "bridged to " + call.leg.externalHost() + " in " + call.leg.format()));
    }

    /** Tears {@code call} down; safe to call again and for any order of end events. */
    void end(Call call, String why) {
        if (call.stage == Call.Stage.ENDED) {
            return;
        }
        call.stage = Call.Stage.ENDED;
        calls.remove(call);
        LOG.info("extension {} call ended: {}", call.extension(), why);
        // The leg first: it stops taking the caller's RTP and closes their open sentence at once.
        if (call.legTold) {
            legs.callerGone(call.extension());
        }
        quietly("hang up media channel", () -> ari.hangup(call.mediaId, HangupReason.NORMAL));
        quietly("hang up caller", () -> ari.hangup(call.callerId, HangupReason.NORMAL));
        quietly("destroy bridge", () -> ari.destroyBridge(call.bridgeId));
        bus.publish(new CallEvent(
                System.currentTimeMillis(),
                call.leg.bridge(),
                call.extension(),
                CallEvent.Kind.ENDED,
                call.callerId,
                why));
    }

    private static void quietly(String what, Runnable step) {
        try {
            step.run();
        } catch (AriException e) {
            LOG.warn("teardown: could not {}: {}", what, e.getMessage());
        }
    }
}
