package io.parley.audio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Real synthesised speech laid out with known silences: sentences from flite (English) or
 * espeak-ng (French), at 16 kHz, with the true start and end of each sentence's sound.
 */
final class SpeechFixture {
    static final int RATE = 16000;

    /** A sentence's sound within the laid-out signal, in milliseconds. */
    record Span(double startMillis, double endMillis) {}

    record Layout(short[] samples, List<Span> truth) {}

    private SpeechFixture() {}

    static short[] english(String text) {
        return synthesise(List.of("flite", "-voice", "slt", "-t", text, "-o"), text);
    }

    static short[] french(String text) {
        return synthesise(List.of("espeak-ng", "-v", "fr", text, "-w"), text);
    }

    private static short[] synthesise(List<String> commandBeforeFile, String text) {
        try {
            Path file = Files.createTempFile("parley-speech", ".wav");
            try {
                List<String> command = new ArrayList<>(commandBeforeFile);
                command.add(file.toString());
                Process p =
                        new ProcessBuilder(command).redirectErrorStream(true).start();
                String output = new String(p.getInputStream().readAllBytes());
                if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new IllegalStateException(command + " failed: " + output);
                }
                AudioClip clip = WavFile.read(file);
                return to16k(clip.samples(), clip.sampleRate());
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("synthesising '" + text + "'", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static short[] to16k(short[] samples, int rate) {
        if (rate == RATE) {
            return samples;
        }
        Resampler r = new Resampler(rate, RATE);
        short[] out = new short[r.maxOutputSamples(samples.length)];
        return Arrays.copyOf(out, r.process(samples, 0, samples.length, out, 0));
    }

    /**
     * Where a clip's sound is: the first and last 10 ms window within 40 dB of its loudest window.
     * Synthesisers pad their output with silence, which this trims.
     */
    static Span soundOf(short[] clip) {
        int window = RATE / 100;
        double loudest = LevelMeter.FLOOR_DBFS;
        for (int at = 0; at + window <= clip.length; at += window) {
            loudest = Math.max(loudest, LevelMeter.rmsDbfs(clip, at, window));
        }
        int first = -1;
        int last = -1;
        for (int at = 0; at + window <= clip.length; at += window) {
            if (LevelMeter.rmsDbfs(clip, at, window) > loudest - 40) {
                if (first < 0) {
                    first = at;
                }
                last = at + window;
            }
        }
        return new Span(first * 1000.0 / RATE, last * 1000.0 / RATE);
    }

    /** Sentences separated by {@code gapMillis} of digital silence between their sounds, with lead-in and tail. */
    static Layout layout(List<short[]> sentences, int leadMillis, int gapMillis) {
        List<Span> truth = new ArrayList<>();
        short[] out = new short[0];
        int at = leadMillis * RATE / 1000;
        for (short[] sentence : sentences) {
            Span sound = soundOf(sentence);
            int from = (int) (sound.startMillis() * RATE / 1000);
            int to = (int) (sound.endMillis() * RATE / 1000);
            out = Arrays.copyOf(out, at + (to - from) + gapMillis * RATE / 1000);
            System.arraycopy(sentence, from, out, at, to - from);
            truth.add(new Span(at * 1000.0 / RATE, (at + to - from) * 1000.0 / RATE));
            at += (to - from) + gapMillis * RATE / 1000;
        }
        return new Layout(out, truth);
    }

    /** Adds white noise at {@code levelDbfs} RMS, seeded. */
    static short[] withNoise(short[] samples, double levelDbfs, long seed) {
        Random random = new Random(seed);
        double sigma = 32768 * Math.pow(10, levelDbfs / 20);
        short[] out = new short[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = Gain.saturate((int) Math.round(samples[i] + random.nextGaussian() * sigma));
        }
        return out;
    }

    /** What the signal sounds like after a phone line: down to 8 kHz, mu-law both ways, back up to 16 kHz. */
    static short[] throughMuLawPhone(short[] samples) {
        Resampler down = new Resampler(RATE, 8000);
        short[] narrow = new short[down.maxOutputSamples(samples.length)];
        int n = down.process(samples, 0, samples.length, narrow, 0);
        byte[] ulaw = new byte[n];
        UlawCodec.INSTANCE.encode(narrow, 0, n, ulaw, 0);
        UlawCodec.INSTANCE.decode(ulaw, 0, n, narrow, 0);
        Resampler up = new Resampler(8000, RATE);
        short[] wide = new short[up.maxOutputSamples(n)];
        return Arrays.copyOf(wide, up.process(narrow, 0, n, wide, 0));
    }
}
