package io.parley.speech.pocketsphinx;

import io.parley.speech.SpeechException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Decoders shared by the utterances of many calls. A decoder holds a whole model (tens of MB,
 * ~0.4 s to load), so they are loaded once and reused: {@link #acquire} hands out an idle one,
 * loads a new one while fewer than {@code max} exist, or waits for one to come back.
 *
 * <p>Thread-safe. Loading happens outside the lock, so a slow load never blocks a caller that
 * could take an idle decoder. Decoders are reused most-recently-released first, which keeps the
 * working set of a lightly loaded process small.
 */
final class DecoderPool implements AutoCloseable {

    /** Loads one decoder. */
    @FunctionalInterface
    interface Loader {
        Decoder load() throws SpeechException;
    }

    private final Loader loader;
    private final int max;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition returned = lock.newCondition();
    private final ArrayDeque<Decoder> idle = new ArrayDeque<>();
    private int alive;
    private boolean closed;

    DecoderPool(Loader loader, int warm, int max) throws SpeechException {
        this.loader = loader;
        this.max = max;
        try {
            for (int i = 0; i < warm; i++) {
                idle.push(loader.load());
                alive++;
            }
        } catch (SpeechException | RuntimeException e) {
            close();
            throw e;
        }
    }

    Decoder acquire(Duration wait) throws SpeechException, InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        lock.lock();
        try {
            while (true) {
                if (closed) {
                    throw new SpeechException("pocketsphinx: the recogniser is closed");
                }
                Decoder decoder = idle.pollFirst();
                if (decoder != null) {
                    return decoder;
                }
                if (alive < max) {
                    alive++;
                    break;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new SpeechException("pocketsphinx: all " + max + " decoders stayed busy for "
                            + wait.toMillis() + " ms; raise maxDecoders (each needs its own copy of the model)");
                }
                returned.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
        try {
            return loader.load();
        } catch (SpeechException | RuntimeException e) {
            forget();
            throw e;
        }
    }

    /** Gives a decoder back after its utterance ended (or was abandoned). */
    void release(Decoder decoder) {
        lock.lock();
        try {
            if (!closed) {
                idle.push(decoder);
                returned.signal();
                return;
            }
            alive--;
        } finally {
            lock.unlock();
        }
        decoder.close();
    }

    /** Drops a decoder whose state can no longer be trusted. */
    void discard(Decoder decoder) {
        decoder.close();
        forget();
    }

    int alive() {
        lock.lock();
        try {
            return alive;
        } finally {
            lock.unlock();
        }
    }

    int idle() {
        lock.lock();
        try {
            return idle.size();
        } finally {
            lock.unlock();
        }
    }

    private void forget() {
        lock.lock();
        try {
            alive--;
            returned.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Frees idle decoders now; those in use are freed when they are released. */
    @Override
    public void close() {
        ArrayDeque<Decoder> toFree;
        lock.lock();
        try {
            closed = true;
            toFree = new ArrayDeque<>(idle);
            alive -= idle.size();
            idle.clear();
            returned.signalAll();
        } finally {
            lock.unlock();
        }
        toFree.forEach(Decoder::close);
    }
}
