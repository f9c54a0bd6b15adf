package io.parley.config;

/**
 * One side of a bridge: the Asterisk extension, the caller's language (ISO 639-1), the audio
 * format on the wire and the leg's ports.
 */
public record LegConfig(String extension, String language, Codec codec, LegPorts ports) {
}
