/**
 * Speech engines behind three small interfaces: streaming recognition, translation and synthesis.
 * Engines know nothing of RTP or bridges; one sub-package per engine.
 */
package io.parley.speech;
