package io.parley.pcmlink;

import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Authentication of the PCM link across hosts (see {@code docs/pcm-protocol.md}): each datagram
 * carries a counter (microseconds of the sender's wall clock, strictly increasing) and the first
 * 96 bits of an HMAC-SHA256 over the header, the samples and the counter.
 *
 * <p>Each direction of each leg has its own key, derived from the configured secret, so that a
 * datagram signed for one leg or direction is refused on any other. The receiver accepts a counter
 * only within {@link #MAX_SKEW_MICROS} of its own wall clock (a recording played again later is
 * stale) and above the highest it has accepted; a copy of one of the last {@link #WINDOW}
 * accepted counters is counted as replayed, anything older as late.
 *
 * <p>Signing and verifying allocate nothing per datagram: each instance computes HMAC (RFC 2104)
 * with one reused {@link MessageDigest} and its padded keys, because {@link Mac#doFinal(byte[], int)}
 * allocates its result internally (48 bytes a call on JDK 25). A test keeps it equal to {@link Mac}.
 */
public final class PcmHmac {
    static final String ALGORITHM = "HmacSHA256";
    private static final int DIGEST = 32;
    private static final int BLOCK = 64;
    /** How far a signed datagram's counter may be from the receiver's wall clock. */
    public static final long MAX_SKEW_MICROS = 30_000_000L;
    /** Accepted counters remembered to tell a replayed copy from a late datagram. */
    public static final int WINDOW = 64;

    /** Which way a key's datagrams travel. */
    public enum Direction {
        TO_BRIDGE("to-bridge"),
        FROM_BRIDGE("from-bridge");

        private final String label;

        Direction(String label) {
            this.label = label;
        }
    }

    private PcmHmac() {}

    /**
     * The key of one direction of one leg: HMAC-SHA256 keyed with the secret over
     * {@code "parley-pcm-v1" NUL bridge NUL extension NUL direction}.
     */
    public static SecretKeySpec derive(String secret, String bridge, String extension, Direction direction) {
        Mac mac = newMac(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
        String label = "parley-pcm-v1\0" + bridge + "\0" + extension + "\0" + direction.label;
        return new SecretKeySpec(mac.doFinal(label.getBytes(StandardCharsets.UTF_8)), ALGORITHM);
    }

    /** Microseconds of the wall clock, without allocating. */
    static long wallMicros() {
        return System.currentTimeMillis() * 1000;
    }

    /** A signer with {@code key}, counting from the wall clock. */
    public static PcmSigner signer(SecretKeySpec key) {
        return new Signer(key, PcmHmac::wallMicros);
    }

    static PcmSigner signer(SecretKeySpec key, LongSupplier wallMicros) {
        return new Signer(key, wallMicros);
    }

    /** A verifier with {@code key}, judging freshness by the wall clock. */
    public static PcmVerifier verifier(SecretKeySpec key) {
        return new Verifier(key, PcmHmac::wallMicros);
    }

    static PcmVerifier verifier(SecretKeySpec key, LongSupplier wallMicros) {
        return new Verifier(key, wallMicros);
    }

    /** HMAC-SHA256 of one key, computed into a caller's buffer without allocating. Not thread-safe. */
    static final class Hmac {
        private final MessageDigest sha;
        private final byte[] inner = new byte[BLOCK];
        private final byte[] outer = new byte[BLOCK];
        private final byte[] innerDigest = new byte[DIGEST];

        Hmac(SecretKeySpec key) {
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every JDK", e);
            }
            byte[] k = key.getEncoded();
            if (k.length > BLOCK) {
                k = sha.digest(k);
            }
            for (int i = 0; i < BLOCK; i++) {
                byte b = i < k.length ? k[i] : 0;
                inner[i] = (byte) (b ^ 0x36);
                outer[i] = (byte) (b ^ 0x5c);
            }
        }

        /** Writes the 32-byte HMAC of {@code length} bytes at {@code off} into {@code out}. */
        void compute(byte[] buf, int off, int length, byte[] out) {
            try {
                sha.update(inner);
                sha.update(buf, off, length);
                sha.digest(innerDigest, 0, DIGEST);
                sha.update(outer);
                sha.update(innerDigest);
                sha.digest(out, 0, DIGEST);
            } catch (DigestException e) {
                throw new IllegalStateException("the digest buffer holds " + DIGEST + " bytes", e);
            }
        }
    }

    private static Mac newMac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }

    private static final class Signer implements PcmSigner {
        private final Hmac mac;
        private final LongSupplier wallMicros;
        private final byte[] digest = new byte[DIGEST];
        private long counter;

        Signer(SecretKeySpec key, LongSupplier wallMicros) {
            this.mac = new Hmac(key);
            this.wallMicros = wallMicros;
        }

        @Override
        public int sign(byte[] datagram, int length) {
            datagram[3] |= PcmDatagram.FLAG_SIGNED;
            counter = Math.max(counter + 1, wallMicros.getAsLong());
            PcmDatagram.put64(datagram, length, counter);
            int signed = length + PcmDatagram.COUNTER;
            mac.compute(datagram, 0, signed, digest);
            System.arraycopy(digest, 0, datagram, signed, PcmDatagram.TAG);
            return signed + PcmDatagram.TAG;
        }
    }

    private static final class Verifier implements PcmVerifier {
        private final Hmac mac;
        private final LongSupplier wallMicros;
        private final byte[] digest = new byte[DIGEST];
        private final long[] window = new long[WINDOW];
        private int next;
        private long highest = Long.MIN_VALUE;

        Verifier(SecretKeySpec key, LongSupplier wallMicros) {
            this.mac = new Hmac(key);
            this.wallMicros = wallMicros;
            Arrays.fill(window, Long.MIN_VALUE);
        }

        @Override
        public PcmDatagram.Problem verify(PcmDatagram view) {
            if (!view.signed()) {
                return PcmDatagram.Problem.UNSIGNED;
            }
            int tagAt = view.offset() + view.length() - PcmDatagram.TAG;
            byte[] buf = view.buffer();
            mac.compute(buf, view.offset(), view.length() - PcmDatagram.TAG, digest);
            int diff = 0;
            for (int i = 0; i < PcmDatagram.TAG; i++) {
                diff |= digest[i] ^ buf[tagAt + i]; // constant time: no early exit on the first wrong byte
            }
            if (diff != 0) {
                return PcmDatagram.Problem.BAD_SIGNATURE;
            }
            long counter = view.counter();
            if (Math.abs(counter - wallMicros.getAsLong()) > MAX_SKEW_MICROS) {
                return PcmDatagram.Problem.STALE;
            }
            if (counter <= highest) {
                for (long seen : window) {
                    if (seen == counter) {
                        return PcmDatagram.Problem.REPLAYED;
                    }
                }
                return PcmDatagram.Problem.LATE;
            }
            highest = counter;
            window[next] = counter;
            next = (next + 1) % WINDOW;
            return null;
        }
    }
}
