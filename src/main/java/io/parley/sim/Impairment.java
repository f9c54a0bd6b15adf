package io.parley.sim;

/**
 * What the simulated network does to a caller's RTP on its way to parley, decided by a seeded
 * random so that a run can be repeated.
 *
 * @param loss         probability that a packet is dropped
 * @param reorder      probability that a packet is held back and sent after the next one
 * @param jitterMillis each packet is delayed by a uniform random 0..jitterMillis ms
 * @param seed         seed of the caller's random; callers derive their own from it
 */
public record Impairment(double loss, double reorder, int jitterMillis, long seed) {
    public static final Impairment NONE = new Impairment(0, 0, 0, 0);

    public Impairment {
        if (!(loss >= 0 && loss < 1)) {
            throw new IllegalArgumentException("loss " + loss + " is not a probability below 1 (e.g. 0.05 for 5%)");
        }
        if (!(reorder >= 0 && reorder < 1)) {
            throw new IllegalArgumentException(
                    "reorder " + reorder + " is not a probability below 1 (e.g. 0.05 for 5%)");
        }
        if (jitterMillis < 0 || jitterMillis > 1000) {
            throw new IllegalArgumentException("jitter " + jitterMillis + " ms is outside 0..1000 ms");
        }
    }

    public boolean any() {
        return loss > 0 || reorder > 0 || jitterMillis > 0;
    }

    /** The same impairment with a seed of its own for caller {@code index}. */
    public Impairment forCaller(int index) {
        return new Impairment(loss, reorder, jitterMillis, seed * 31 + index);
    }

    public String describe() {
        return any()
                ? String.format(
                        "loss %.1f%%, reorder %.1f%%, jitter 0-%d ms (seed %d)",
                        loss * 100, reorder * 100, jitterMillis, seed)
                : "none";
    }
}
