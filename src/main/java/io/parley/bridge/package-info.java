/**
 * Legs and bridges: the UDP endpoints, the 20 ms media clock, gateway legs, the PCM link between
 * gateway and bridge (each end hears only the other; signed across hosts), the cross-patch and
 * translation bridges and their playout. Also who may send RTP to a leg and where its audio goes
 * ({@link io.parley.bridge.SourceGuard}: the address signalling gave, or a source that proved
 * itself), the waiting tone a caller hears while the other leg is empty, and keeping calls apart
 * (nothing of one call reaches the next). Composes
 * {@code rtp}, {@code audio} and {@code speech}; publishes what happens on the {@code event} bus.
 */
package io.parley.bridge;
