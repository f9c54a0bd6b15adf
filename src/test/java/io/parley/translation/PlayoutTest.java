package io.parley.translation;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.config.TranslationSettings;
import io.parley.event.EventBus;
import io.parley.event.ParleyEvent;
import io.parley.event.Subscription;
import io.parley.event.UtteranceEvent;
import io.parley.leg.Frames;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/** What a listener hears: nothing of a call they left reaches their next one. */
class PlayoutTest {
    private final EventBus bus = new EventBus();
    private final Subscription events = bus.subscribe("test", 1000);
    private final Playout playout = new Playout(TranslationSettings.DEFAULT);
    private final short[] out = new short[Frames.SAMPLES];
    private long now = 1_000_000_000L;

    private Utterance translation(int frames) {
        Utterance u =
                new Utterance(1, new Utterance.Direction("b", "7777", "8888", "en", "fr"), bus, playout.generation());
        u.speechEnd = now;
        short[] speech = new short[frames * Frames.SAMPLES];
        Arrays.fill(speech, (short) 1000);
        u.synthesized(speech, now);
        return u;
    }

    private List<UtteranceEvent> finished() {
        List<ParleyEvent> all = new ArrayList<>();
        events.drainTo(all);
        return all.stream()
                .filter(e -> e instanceof UtteranceEvent)
                .map(e -> (UtteranceEvent) e)
                .filter(u -> u.stage() == UtteranceEvent.Stage.PLAYED || u.stage() == UtteranceEvent.Stage.DROPPED)
                .toList();
    }

    @Test
    void whatWaitsOrPlaysForAListenerWhoLeftIsDroppedAndTheirNextCallHearsNothingOfIt() {
        playout.translating(true);
        Utterance playing = translation(50);
        playout.enqueue(playing);
        assertThat(playout.next(now, out)).isTrue();
        Utterance waiting = translation(50);
        playout.enqueue(waiting);
        short[] voice = new short[Frames.SAMPLES];
        Arrays.fill(voice, (short) 500);
        playout.offerOriginal(voice, now);

        playout.listenerLeft(now += 20_000_000L);
        // A translation of the call that ended, finished by a slow engine after the listener left.
        Utterance late = new Utterance(
                2, new Utterance.Direction("b", "7777", "8888", "en", "fr"), bus, playout.generation() - 1);
        late.speechEnd = now;
        late.synthesized(new short[Frames.SAMPLES * 10], now);
        playout.enqueue(late);

        for (int i = 0; i < 100; i++) {
            assertThat(playout.next(now += 20_000_000L, out)).as("tick " + i).isFalse();
        }
        assertThat(playout.busy()).isFalse();
        assertThat(finished())
                .extracting(UtteranceEvent::stage, UtteranceEvent::note)
                .containsExactly(
                        Tuple.tuple(UtteranceEvent.Stage.PLAYED, "cut short: the listener left the call"),
                        Tuple.tuple(UtteranceEvent.Stage.DROPPED, "its listener left the call before it was played"),
                        Tuple.tuple(UtteranceEvent.Stage.DROPPED, "its listener left the call before it was played"));

        Utterance next = translation(5);
        playout.enqueue(next);
        assertThat(playout.next(now += 20_000_000L, out))
                .as("the next call's own translations play")
                .isTrue();
    }
}
