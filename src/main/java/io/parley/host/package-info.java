/**
 * What the host says about its sockets: which process holds a port, read from {@code /proc}
 * the way {@code ss -lnp} does. Used by {@code parley check} and by start-up errors.
 */
package io.parley.host;
