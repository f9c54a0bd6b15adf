package io.parley.translation;

import io.parley.event.EventBus;
import io.parley.event.UtteranceEvent;
import io.parley.event.UtteranceEvent.Stage;
import io.parley.leg.Frames;
import java.util.Arrays;

/**
 * One utterance on its way from the speaker's recogniser to the listener's ear. Each step sets
 * its milestone (monotonic nanoseconds) and publishes the utterance as it now stands.
 *
 * <p>Threading: the steps run one after another on different threads (recognition, rendering,
 * the media clock), each handing the utterance to the next through a queue, which orders the
 * writes; fields are volatile for the readers in between.
 */
final class Utterance {
    private final long id;
    private final Direction direction;
    private final EventBus bus;
    /** The listener's call it belongs to ({@link Playout#generation()} when it began). */
    private final long listenerGeneration;

    volatile long speechStart;
    volatile long speechEnd;
    volatile long sttFinal;
    volatile long mtDone;
    volatile long ttsFirstAudio;
    volatile long playoutStart;
    volatile long playoutEnd;
    private volatile String partial = "";
    private volatile String text = "";
    private volatile String translation = "";
    private volatile short[] speech;
    private volatile int played;

    /** Who speaks to whom on a bridge, in which languages. */
    record Direction(String bridge, String from, String to, String fromLanguage, String toLanguage) {
        String label() {
            return from + "->" + to;
        }
    }

    Utterance(long id, Direction direction, EventBus bus) {
        this(id, direction, bus, 0);
    }

    Utterance(long id, Direction direction, EventBus bus, long listenerGeneration) {
        this.id = id;
        this.direction = direction;
        this.bus = bus;
        this.listenerGeneration = listenerGeneration;
    }

    long listenerGeneration() {
        return listenerGeneration;
    }

    long id() {
        return id;
    }

    Direction direction() {
        return direction;
    }

    String text() {
        return text;
    }

    String translation() {
        return translation;
    }

    void partial(String hypothesis) {
        if (!hypothesis.equals(partial)) {
            partial = hypothesis;
            publish(Stage.PARTIAL, "");
        }
    }

    void recognized(String finalText, long at) {
        text = finalText;
        sttFinal = at;
        publish(Stage.RECOGNISED, "");
    }

    void translated(String translated, long at) {
        translation = translated;
        mtDone = at;
        publish(Stage.TRANSLATED, "");
    }

    void synthesized(short[] samples16k, long at) {
        speech = samples16k;
        ttsFirstAudio = at;
        publish(Stage.SYNTHESISED, "");
    }

    /** Copies the next frame of synthesised speech into {@code out}; false when it is all played. */
    boolean nextFrame(short[] out) {
        short[] s = speech;
        if (played >= s.length) {
            return false;
        }
        int n = Math.min(Frames.SAMPLES, s.length - played);
        System.arraycopy(s, played, out, 0, n);
        Arrays.fill(out, n, Frames.SAMPLES, (short) 0);
        played += n;
        return true;
    }

    void playing(long at) {
        playoutStart = at;
        publish(Stage.PLAYING, "");
    }

    void played(long at, String note) {
        playoutEnd = at;
        publish(Stage.PLAYED, note);
    }

    void dropped(String why) {
        publish(Stage.DROPPED, why);
    }

    void failed(String why) {
        publish(Stage.FAILED, why);
    }

    private void publish(Stage stage, String note) {
        bus.publish(new UtteranceEvent(
                System.currentTimeMillis(),
                direction.bridge(),
                id,
                direction.label(),
                direction.fromLanguage(),
                direction.toLanguage(),
                stage,
                partial,
                text,
                translation,
                times(),
                note));
    }

    UtteranceEvent.Times times() {
        return new UtteranceEvent.Times(
                wall(speechStart),
                wall(speechEnd),
                wall(sttFinal),
                wall(mtDone),
                wall(ttsFirstAudio),
                wall(playoutStart),
                wall(playoutEnd));
    }

    private static long wall(long nanos) {
        return nanos == 0 ? 0 : WallClock.millis(nanos);
    }
}
