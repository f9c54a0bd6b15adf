package io.parley.media;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bound UDP socket watched by a {@link UdpReactor}. Sending never blocks: a datagram the kernel
 * cannot take right now is dropped and counted, because a late audio frame is worth nothing.
 *
 * <p>Threading contract: {@link #send} may be called from one thread at a time (the media clock,
 * or a receiver relaying); receiving happens on the reactor thread.
 */
public final class UdpEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UdpEndpoint.class);

    private final DatagramChannel channel;
    private final UdpReactor.Loop loop;
    private final InetSocketAddress local;
    private final AtomicLong sendFailures = new AtomicLong();
    private final AtomicLong receiverFailures = new AtomicLong();

    UdpEndpoint(DatagramChannel channel, UdpReactor.Loop loop) throws IOException {
        this.channel = channel;
        this.loop = loop;
        this.local = (InetSocketAddress) channel.getLocalAddress();
    }

    DatagramChannel channel() {
        return channel;
    }

    public InetSocketAddress localAddress() {
        return local;
    }

    /**
     * Sends the buffer's remaining bytes to {@code to}. Returns false (and counts it) when the
     * datagram could not be sent now.
     */
    public boolean send(ByteBuffer datagram, InetSocketAddress to) {
        try {
            if (channel.send(datagram, to) > 0) {
                return true;
            }
        } catch (IOException e) {
            // e.g. ICMP port unreachable reported on a later send: the peer went away; keep going
            if (sendFailures.get() == 0) {
                LOG.debug("{}: send to {} failed: {}", local, to, e.toString());
            }
        }
        sendFailures.incrementAndGet();
        return false;
    }

    /** Datagrams that could not be sent. */
    public long sendFailures() {
        return sendFailures.get();
    }

    /** Datagrams a receiver threw on (a programming error; the datagram was dropped). */
    public long receiverFailures() {
        return receiverFailures.get();
    }

    void receiveFailed(IOException e) {
        // Linux reports an earlier send's ICMP "port unreachable" on the next receive; not fatal.
        LOG.trace("{}: receive: {}", local, e.toString());
    }

    void receiverFailed(RuntimeException e) {
        if (receiverFailures.getAndIncrement() == 0) {
            LOG.error("{}: a receiver failed; the datagram was dropped", local, e);
        }
    }

    @Override
    public void close() {
        loop.cancel(this);
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing {}", local, e);
        }
    }

    @Override
    public String toString() {
        return "udp " + local;
    }
}
