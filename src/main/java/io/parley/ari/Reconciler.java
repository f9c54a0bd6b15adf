package io.parley.ari;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the calls in line with what Asterisk has, after every (re)connection of the events
 * WebSocket: Asterisk does not replay the events missed while it was down, and an Asterisk restart
 * loses every channel and bridge.
 *
 * <ul>
 *   <li>a tracked call whose caller, media channel or bridge is gone ends;</li>
 *   <li>a tracked call whose media channel reached Stasis unseen gets it added to the bridge;</li>
 *   <li>bridges and ExternalMedia channels of this application that no call tracks (left by an
 *       earlier run) are destroyed and hung up, with the callers in those bridges;</li>
 *   <li>a caller in the application but in no bridge (its StasisStart was missed) is routed as
 *       if it had just arrived, with the extension taken from its {@code Stasis()} arguments. One
 *       that the channel list does not show in {@code Stasis()} yet is left to its StasisStart: the
 *       list is made of Asterisk's cached snapshots, a moment behind the channels, so such a caller
 *       entered just now, after this connection was up, and its StasisStart comes on it (routed now,
 *       without its arguments, it would be refused).</li>
 * </ul>
 * Runs on the ARI event thread, before any event of the new connection.
 */
final class Reconciler {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

    private final AriClient ari;
    private final Switchboard switchboard;
    private final Calls calls;

    Reconciler(AriClient ari, Switchboard switchboard, Calls calls) {
        this.ari = ari;
        this.switchboard = switchboard;
        this.calls = calls;
    }

    void reconcile() {
        Map<String, AriChannel> channels = new HashMap<>();
        List<AriBridge> bridges;
        Set<String> inApplication = new HashSet<>();
        try {
            ari.channels().forEach(c -> channels.put(c.id(), c));
            bridges = ari.bridges();
            ari.application(ari.app()).ifPresent(a -> inApplication.addAll(a.channelIds()));
        } catch (AriException e) {
            LOG.warn(
                    "cannot read Asterisk's channels and bridges after connecting; calls are not reconciled: {}",
                    e.getMessage());
            return;
        }
        Map<String, AriBridge> bridgeById = new HashMap<>();
        bridges.forEach(b -> bridgeById.put(b.id(), b));

        // Calls ended just now tear their bridges down themselves: those are no leftovers.
        Set<String> ours = new HashSet<>();
        for (Call call : calls.all()) {
            ours.add(call.bridgeId);
            checkTracked(call, channels, bridgeById);
        }
        Set<String> bridged = new HashSet<>();
        for (AriBridge bridge : bridges) {
            bridged.addAll(bridge.channels());
            if (bridge.id().startsWith(switchboard.bridgePrefix()) && !ours.contains(bridge.id())) {
                removeLeftover(bridge);
            }
        }
        for (AriChannel channel : channels.values()) {
            if (calls.tracksChannel(channel.id()) || bridged.contains(channel.id())) {
                continue;
            }
            if (channel.id().startsWith(switchboard.mediaPrefix())) {
                LOG.info("hanging up ExternalMedia channel {} left by an earlier run", channel.id());
                quietly(() -> ari.hangup(channel.id(), HangupReason.NORMAL));
            } else if (inApplication.contains(channel.id()) && !"Stasis".equals(channel.appName())) {
                LOG.info(
                        "channel {} is entering Stasis as the events connection comes up ({} in the channel list);"
                                + " its StasisStart routes it",
                        channel.id(),
                        channel.appName().isEmpty() ? "no application" : channel.appName());
            } else if (inApplication.contains(channel.id())) {
                Optional<String> extension = stasisExtension(channel.appData());
                LOG.info(
                        "channel {} is in Stasis but its StasisStart was missed; routing it to extension {}",
                        channel.id(),
                        extension.orElse("(none)"));
                switchboard.incoming(channel, extension.map(List::of).orElse(List.of()));
            }
        }
    }

    private void checkTracked(Call call, Map<String, AriChannel> channels, Map<String, AriBridge> bridges) {
        if (!channels.containsKey(call.callerId)) {
            switchboard.end(call, "caller " + call.callerId + " is gone (missed while the ARI connection was down)");
        } else if (!bridges.containsKey(call.bridgeId)) {
            switchboard.end(call, "bridge " + call.bridgeId + " is gone (missed while the ARI connection was down)");
        } else if (!channels.containsKey(call.mediaId)) {
            // Not created yet is impossible here: the POST returned before this task ran.
            switchboard.end(
                    call, "media channel " + call.mediaId + " is gone (missed while the ARI connection was down)");
        } else if (call.stage == Call.Stage.AWAITING_MEDIA) {
            switchboard.mediaInStasis(call, true);
        }
    }

    private void removeLeftover(AriBridge bridge) {
        LOG.info(
                "removing bridge {} ('{}') left by an earlier run, with its channels {}",
                bridge.id(),
                bridge.name(),
                bridge.channels());
        for (String channel : bridge.channels()) {
            if (!calls.tracksChannel(channel)) {
                quietly(() -> ari.hangup(channel, HangupReason.NORMAL));
            }
        }
        quietly(() -> ari.destroyBridge(bridge.id()));
    }

    /** The extension in {@code dialplan.app_data} of a channel in {@code Stasis(app,EXTEN)}. */
    Optional<String> stasisExtension(String appData) {
        List<String> parts =
                Arrays.stream(appData.split(",", -1)).map(String::strip).toList();
        if (parts.size() >= 2
                && parts.getFirst().equals(ari.app())
                && !parts.get(1).isEmpty()) {
            return Optional.of(parts.get(1));
        }
        return Optional.empty();
    }

    private static void quietly(Runnable step) {
        try {
            step.run();
        } catch (AriException e) {
            LOG.warn("cleanup: {}", e.getMessage());
        }
    }
}
