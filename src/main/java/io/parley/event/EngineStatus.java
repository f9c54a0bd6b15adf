package io.parley.event;

/**
 * Whether a bridge can run a speech stage for a language, and why not. Published at start-up
 * and whenever it changes (an engine restarted, a model failed to load).
 *
 * @param stage     {@code stt}, {@code mt} or {@code tts}
 * @param engine    the engine's description, e.g. {@code pocketsphinx(en-us)}, or {@code none}
 * @param reason    why it is unavailable and how to enable it; empty when available
 */
public record EngineStatus(
        long at, String bridge, String language, String stage, String engine, boolean available, String reason)
        implements ParleyEvent {}
