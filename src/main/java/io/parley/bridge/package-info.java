/**
 * Legs and bridges: the UDP endpoints, the 20 ms media clock, gateway legs, the PCM link between
 * gateway and bridge (each end hears only the other; signed across hosts), the cross-patch and translation bridges and their playout. Composes
 * {@code rtp}, {@code audio} and {@code speech}; publishes what happens on the {@code event} bus.
 */
package io.parley.bridge;
