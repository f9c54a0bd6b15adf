package io.parley.ari;

/**
 * One caller on one leg, from their {@code StasisStart} to the teardown. Confined to the ARI event
 * thread: no locking.
 *
 * @see Switchboard
 */
final class Call {

    enum Stage {
        /** Answered and bridged; the ExternalMedia channel is created but has not entered Stasis yet. */
        AWAITING_MEDIA,
        /** The ExternalMedia channel is in the bridge: RTP flows between the caller and the leg. */
        CONNECTED,
        /** Torn down; events that still name its channels are ignored. */
        ENDED
    }

    final LegBinding leg;
    final String callerId;
    final String bridgeId;
    final String mediaId;
    Stage stage = Stage.AWAITING_MEDIA;
    /** Whether the leg was told the caller is there (and so must be told when they go). */
    boolean legTold;

    Call(LegBinding leg, String callerId, String bridgeId, String mediaId) {
        this.leg = leg;
        this.callerId = callerId;
        this.bridgeId = bridgeId;
        this.mediaId = mediaId;
    }

    String extension() {
        return leg.extension();
    }

    boolean connected() {
        return stage == Stage.CONNECTED;
    }

    @Override
    public String toString() {
        return "call " + leg.extension() + " (caller " + callerId + ", bridge " + bridgeId + ", media " + mediaId + ", "
                + stage + ")";
    }
}
