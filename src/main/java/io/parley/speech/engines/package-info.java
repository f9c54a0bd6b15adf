/**
 * Turns the configuration's engine choices into started translators and synthesisers, or into
 * a reason why there is none and how to enable it.
 */
package io.parley.speech.engines;
