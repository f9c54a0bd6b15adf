/**
 * The translation bridge ({@link io.parley.translation.TranslationBridge}): per direction a
 * {@link io.parley.translation.SpeechLane} that finds utterances in the speaker's frames and runs
 * them through recognition, translation and synthesis off the media threads, each
 * {@link io.parley.translation.Utterance} timing its stages; and per listener a
 * {@link io.parley.translation.Playout} that mixes the translations, in order and never lagging
 * too far, with the speaker's own voice, and keeps the echo guard. Works on any
 * {@link io.parley.leg.LegSide}; uses {@code speech} through its interfaces and knows nothing of RTP.
 */
package io.parley.translation;
