package io.parley.audio;

/**
 * A tone found in a block of samples.
 *
 * @param frequencyHz its frequency
 * @param levelDbfs its peak level (0 dBFS = a full-scale sine)
 * @param purity the share of the block's power that is this tone, 0..1
 */
public record Tone(double frequencyHz, double levelDbfs, double purity) {}
