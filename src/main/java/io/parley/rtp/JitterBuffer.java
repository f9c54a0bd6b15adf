package io.parley.rtp;

/**
 * The jitter buffer of one incoming RTP stream: packets go in as the network delivers them and
 * come out in sequence order, one per media-clock tick, after an adaptive delay.
 *
 * <h2>Threading contract</h2>
 * Exactly one thread inserts (the socket loop) and exactly one thread polls (the 20 ms media
 * clock); {@link #snapshot()} and the level getters may be called from any thread. Every method
 * holds one private lock for a few hundred nanoseconds at most: no I/O, no listener, no
 * allocation happens under it. {@link #insert} and {@link #poll} never allocate.
 *
 * <h2>Storage</h2>
 * Payloads are copied into {@link JitterBufferSettings#slotCount()} slots of
 * {@code maxPayloadBytes} allocated up front, indexed by extended sequence number modulo the
 * slot count. Poll copies the payload out into the caller's {@link PlayoutFrame}, so the
 * caller's data never aliases a slot the network thread may overwrite.
 *
 * <h2>Playout</h2>
 * <ul>
 * <li>Filling: after the stream starts, or after the buffer ran dry, nothing plays until the
 *     first buffered packet has waited the target delay or the buffered audio spans it. If more
 *     than the target plus one packet would remain after the first is played (a burst after a
 *     stall), the oldest are discarded (counted trimmed): this is where a changed target takes
 *     effect, at the start of a talk spurt.</li>
 * <li>Playing: each poll returns the packet at the playout position ({@link PollResult#PACKET});
 *     if it is missing while later ones are buffered, its turn has come and it is reported
 *     {@link PollResult#LOST} once; if nothing is buffered, the buffer ran dry and returns
 *     {@link PollResult#EMPTY} (silence from the sender, not a loss) until it fills again. A
 *     pause in the sender's timestamps up to the maximum delay is kept as EMPTY polls of one
 *     packet's duration each. Packet durations come from payload sizes, never assumed.</li>
 * <li>Adaptive target: {@code clamp(packet duration + 4 * jitter, min, max)}, where jitter is
 *     RFC 3550's interarrival jitter, starting at the initial delay. Growth takes effect when the
 *     buffer refills; if the buffer stays more than half a packet above the target for a whole second
 *     of polls, one packet is discarded (counted trimmed), which also absorbs clock drift.</li>
 * <li>Resync: a new SSRC, a sequence jump of more than {@value #MAX_SEQUENCE_JUMP}, or a
 *     timestamp that disagrees with the arrival time by more than a second flushes the buffer
 *     and restarts it on that packet. Stragglers of the old SSRC arriving within the maximum
 *     delay after the switch are discarded as late instead of switching back.</li>
 * <li>Overflow: a packet beyond the slots is stored and the oldest packets are discarded
 *     (counted overflow), keeping latency bounded.</li>
 * </ul>
 * Arrival and poll times are nanoseconds from the same monotonic clock ({@code System.nanoTime()}
 * or a test's virtual clock).
 */
public final class JitterBuffer {
    /** Sequence numbers further than this from the newest one mean a restarted stream. */
    public static final int MAX_SEQUENCE_JUMP = 100;
    /** A timestamp further than this from what the arrival time predicts means a restarted stream. */
    public static final long MAX_TIMESTAMP_SKEW_NANOS = 1_000_000_000L;
    /** The target covers this many times the interarrival jitter, plus one packet. */
    static final int JITTER_MULTIPLIER = 4;
    /** Polls (a second at 20 ms) the buffer must stay too deep before one packet is trimmed. */
    static final int TRIM_WINDOW_POLLS = 50;

    private static final double NANOS_PER_SECOND = 1e9;

    private final JitterBufferSettings settings;
    private final int maxPayload;
    private final long minTargetNanos;
    private final long maxTargetNanos;

    private final PacketSlots slots;
    private final Object lock = new Object();
    private final SequenceExtender sequences = new SequenceExtender();
    private final InterarrivalJitter jitter;

    private boolean haveStream;
    private int ssrc;
    private boolean havePreviousSsrc;
    private int previousSsrc;
    private long resyncedAtNanos;
    private int newestTimestamp;
    private int newestSamples;
    private long newestArrivalNanos;
    /** Next sequence number to play once positioned; before that, the lowest buffered one. */
    private long base;

    private boolean positioned;
    private boolean playing;
    private boolean talkSpurtPending;
    private long fillingSinceNanos;
    private int nextTimestamp;
    private boolean nextTimestampKnown;
    private int lastSamples;
    private long targetNanos;
    private int trimPolls;
    private long trimMinDepthNanos = Long.MAX_VALUE;

    private long accepted;
    private long duplicates;
    private long late;
    private long reordered;
    private long lost;
    private long concealed;
    private long overflow;
    private long trimmed;
    private long oversized;
    private long resyncs;
    private long underruns;

    public JitterBuffer(JitterBufferSettings settings) {
        this.settings = settings;
        this.maxPayload = settings.maxPayloadBytes();
        this.minTargetNanos = settings.minDelayMillis() * 1_000_000L;
        this.maxTargetNanos = settings.maxDelayMillis() * 1_000_000L;
        this.slots = new PacketSlots(settings.slotCount(), maxPayload);
        this.lastSamples = settings.clockRate() / 50;
        // Start the estimate where the target equals the initial delay for 20 ms packets.
        double initialJitterMillis = Math.max(0, settings.initialDelayMillis() - 20) / (double) JITTER_MULTIPLIER;
        this.jitter = new InterarrivalJitter(settings.clockRate(), initialJitterMillis * settings.clockRate() / 1000.0);
        this.targetNanos = settings.initialDelayMillis() * 1_000_000L;
    }

    /** A frame big enough for any payload this buffer stores; allocate it once, on the polling side. */
    public PlayoutFrame newFrame() {
        return new PlayoutFrame(maxPayload);
    }

    public JitterBufferSettings settings() {
        return settings;
    }

    /**
     * Stores a copy of {@code packet}'s payload, which arrived at {@code arrivalNanos}. The packet
     * can be reused as soon as this returns.
     */
    public InsertResult insert(RtpPacket packet, long arrivalNanos) {
        int length = packet.payloadLength();
        synchronized (lock) {
            if (length > maxPayload) {
                oversized++;
                return InsertResult.OVERSIZED;
            }
            InsertResult result = InsertResult.ACCEPTED;
            if (!haveStream) {
                startStream(packet);
            } else if (isStraggler(packet, arrivalNanos)) {
                late++;
                return InsertResult.LATE;
            } else if (packet.ssrc() != ssrc || jumped(packet, arrivalNanos)) {
                resyncs++;
                havePreviousSsrc = packet.ssrc() != ssrc;
                previousSsrc = ssrc;
                resyncedAtNanos = arrivalNanos;
                startStream(packet);
                result = InsertResult.RESYNC;
            }
            long seq = sequences.peek(packet.sequenceNumber());
            if (seq < base) {
                if (positioned || sequences.highest() - seq > slots.span()) {
                    late++;
                    return InsertResult.LATE;
                }
                base = seq; // before playout starts, an earlier packet widens the window backwards
            } else if (seq - base > slots.span()) {
                long discarded = skipTo(seq - slots.span());
                overflow += discarded;
                if (discarded > 0 && result == InsertResult.ACCEPTED) {
                    result = InsertResult.OVERFLOW;
                }
            }
            if (slots.holds(seq)) {
                duplicates++;
                return InsertResult.DUPLICATE;
            }
            if (sequences.started() && seq < sequences.highest()) {
                reordered++;
            }
            store(packet, seq, arrivalNanos);
            return result;
        }
    }

    private void store(RtpPacket packet, long seq, long arrivalNanos) {
        if (!playing && slots.count() == 0) {
            fillingSinceNanos = arrivalNanos;
        }
        slots.put(seq, packet);
        accepted++;
        sequences.extend(packet.sequenceNumber());
        if (seq == sequences.highest()) {
            newestTimestamp = packet.timestampBits();
            newestSamples = packet.payloadLength() / settings.bytesPerSample();
            newestArrivalNanos = arrivalNanos;
        }
        jitter.update(arrivalNanos, packet.timestampBits());
        int frame = newestSamples > 0 ? newestSamples : lastSamples;
        long wanted = toNanos(frame)
                + (long) (JITTER_MULTIPLIER * jitter.samples() * NANOS_PER_SECOND / settings.clockRate());
        targetNanos = Math.clamp(wanted, minTargetNanos, maxTargetNanos);
    }

    /**
     * A packet of the source we just switched away from, arriving within the maximum delay of
     * the switch, is a straggler reordered around it: playing it is too late, and resyncing on
     * it would flush the new stream. Later, that source may genuinely come back.
     */
    private boolean isStraggler(RtpPacket packet, long arrivalNanos) {
        return havePreviousSsrc
                && packet.ssrc() == previousSsrc
                && packet.ssrc() != ssrc
                && arrivalNanos - resyncedAtNanos <= maxTargetNanos;
    }

    /** Whether the packet belongs to a restarted stream rather than to the one buffered. */
    private boolean jumped(RtpPacket packet, long arrivalNanos) {
        int d = SequenceNumber.distance((int) sequences.highest() & SequenceNumber.MASK, packet.sequenceNumber());
        if (Math.abs(d) > MAX_SEQUENCE_JUMP) {
            return true;
        }
        if (d <= 0) {
            return false; // reordered or duplicate: its timestamp is judged by the slot it fits
        }
        double elapsedSamples = (arrivalNanos - newestArrivalNanos) * (double) settings.clockRate() / NANOS_PER_SECOND;
        double skewSamples = (packet.timestampBits() - newestTimestamp) - elapsedSamples;
        return Math.abs(skewSamples) * NANOS_PER_SECOND / settings.clockRate() > MAX_TIMESTAMP_SKEW_NANOS;
    }

    private void startStream(RtpPacket packet) {
        slots.clear();
        sequences.reset();
        jitter.restart();
        haveStream = true;
        ssrc = packet.ssrc();
        base = packet.sequenceNumber();
        positioned = false;
        playing = false;
        talkSpurtPending = true;
        nextTimestampKnown = false;
        resetTrimWindow();
    }

    /**
     * Takes this tick's audio into {@code frame}: the next packet ({@link PollResult#PACKET}), a
     * missing one to conceal ({@link PollResult#LOST}), or nothing ({@link PollResult#EMPTY}).
     * Call once per tick; a caller that needs more samples than the returned packet holds (a
     * short or 10 ms packet) may call again in the same tick.
     */
    public PollResult poll(long nowNanos, PlayoutFrame frame) {
        if (frame.capacity() < maxPayload) {
            throw new IllegalArgumentException("playout frame of " + frame.capacity()
                    + " bytes is smaller than the jitter buffer's " + maxPayload + "-byte slots; use newFrame()");
        }
        synchronized (lock) {
            frame.clear();
            if (!playing) {
                if (slots.count() == 0 || !readyToStart(nowNanos)) {
                    return PollResult.EMPTY;
                }
                startPlayout();
            }
            if (slots.holds(base)) {
                if (nextTimestampKnown) {
                    int pause = slots.timestamp(base) - nextTimestamp;
                    if (pause > lastSamples / 2 && toNanos(pause) <= maxTargetNanos) {
                        nextTimestamp += Math.min(pause, lastSamples);
                        return PollResult.EMPTY;
                    }
                }
                play(frame);
                trimIfTooDeep();
                return PollResult.PACKET;
            }
            if (slots.count() > 0) {
                frame.lost(nextTimestamp, lastSamples, (int) base & SequenceNumber.MASK);
                base++;
                nextTimestamp += lastSamples;
                lost++;
                concealed++;
                return PollResult.LOST;
            }
            playing = false;
            talkSpurtPending = true;
            resetTrimWindow();
            return PollResult.EMPTY;
        }
    }

    private boolean readyToStart(long nowNanos) {
        if (nowNanos - fillingSinceNanos >= targetNanos) {
            return true;
        }
        return spanFrom(slots.lowestFrom(base)) >= targetNanos;
    }

    private void startPlayout() {
        long lowest = slots.lowestFrom(base);
        if (positioned) {
            // Resuming after running dry: a gap in sequence numbers is loss (senders do not
            // number the packets they do not send); contiguous timestamps without a marker mean
            // the sender never paused, so we starved.
            lost += lowest - base;
            long expectedAdvance = (lowest - base) * lastSamples;
            int advance = slots.timestamp(lowest) - nextTimestamp;
            if (nextTimestampKnown && !slots.marker(lowest) && advance <= expectedAdvance + lastSamples / 2) {
                underruns++;
            }
        }
        base = lowest;
        // Keep the packet about to play plus the target plus one packet of slack; a start that
        // finds more (a burst after a stall) discards the oldest rather than add latency.
        long keep = targetNanos + 2 * toNanos(lastSamples);
        while (slots.count() > 1 && spanFrom(base) > keep) {
            slots.remove(base);
            trimmed++;
            base = slots.lowestFrom(base);
        }
        positioned = true;
        playing = true;
        nextTimestampKnown = false;
        resetTrimWindow();
    }

    private void play(PlayoutFrame frame) {
        int samples = slots.length(base) / settings.bytesPerSample();
        int timestamp = slots.timestamp(base);
        slots.copyTo(base, frame, samples, talkSpurtPending);
        talkSpurtPending = false;
        slots.remove(base);
        base++;
        nextTimestamp = timestamp + samples;
        nextTimestampKnown = true;
        if (samples > 0) {
            lastSamples = samples;
        }
    }

    /**
     * Discards one packet if the buffer stayed more than half a packet above the target for a whole
     * window. Depth moves in whole packets while the target is continuous: with a whole packet of
     * slack, a buffer one packet deeper than needed (a start on the later of two ticks) kept 20 ms
     * of avoidable delay for the whole call.
     */
    private void trimIfTooDeep() {
        trimMinDepthNanos = Math.min(trimMinDepthNanos, depthNanos());
        if (++trimPolls < TRIM_WINDOW_POLLS) {
            return;
        }
        if (trimMinDepthNanos > targetNanos + toNanos(lastSamples) / 2 && slots.holds(base)) {
            nextTimestamp = slots.timestamp(base) + slots.length(base) / settings.bytesPerSample();
            slots.remove(base);
            base++;
            trimmed++;
        }
        resetTrimWindow();
    }

    private void resetTrimWindow() {
        trimPolls = 0;
        trimMinDepthNanos = Long.MAX_VALUE;
    }

    /** Moves the window start to {@code newBase}; returns how many buffered packets that discarded. */
    private long skipTo(long newBase) {
        long discarded = 0;
        for (long s = base; s < newBase && slots.count() > 0; s++) {
            if (slots.holds(s)) {
                slots.remove(s);
                discarded++;
            }
        }
        if (positioned) {
            lost += (newBase - base) - discarded;
        }
        nextTimestamp += (int) ((newBase - base) * lastSamples);
        nextTimestampKnown = false;
        base = newBase;
        return discarded;
    }

    /** Audio from the start of packet {@code seq} to the end of the newest packet. */
    private long spanFrom(long seq) {
        return toNanos(newestTimestamp + newestSamples - slots.timestamp(seq));
    }

    private long depthNanos() {
        if (slots.count() == 0) {
            return 0;
        }
        if (!playing) {
            return spanFrom(slots.lowestFrom(base));
        }
        return Math.max(0, toNanos(newestTimestamp + newestSamples - nextTimestamp));
    }

    private long toNanos(int samples) {
        return (long) (samples * NANOS_PER_SECOND / settings.clockRate());
    }

    /** Audio buffered now, in milliseconds. */
    public double depthMillis() {
        synchronized (lock) {
            return depthNanos() / 1e6;
        }
    }

    /** The current adaptive target delay, in milliseconds. */
    public double targetMillis() {
        synchronized (lock) {
            return targetNanos / 1e6;
        }
    }

    /** All counters and levels at once; allocates one record. */
    public JitterBufferSnapshot snapshot() {
        synchronized (lock) {
            return new JitterBufferSnapshot(
                    accepted,
                    duplicates,
                    late,
                    reordered,
                    lost,
                    concealed,
                    overflow,
                    trimmed,
                    oversized,
                    resyncs,
                    underruns,
                    depthNanos() / 1e6,
                    targetNanos / 1e6,
                    jitter.millis());
        }
    }
}
