package io.parley.speech;

/**
 * Told when an engine process crashed, hung or answered with garbage, and whether it was
 * restarted. The integrator turns this into an {@code EngineFault} event for its bridge.
 *
 * <p>Called on the pipeline thread that saw the fault, outside any engine lock; it must not
 * block (publish an event, log, count).
 */
@FunctionalInterface
public interface EngineFaultListener {
    EngineFaultListener NONE = (engine, message, restarted) -> {};

    /**
     * @param engine    the engine's {@code describe()} text
     * @param message   what failed, naming the process and how it ended
     * @param restarted whether the engine is ready again for the next request
     */
    void onFault(String engine, String message, boolean restarted);
}
