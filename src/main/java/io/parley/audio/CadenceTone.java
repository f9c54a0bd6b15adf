package io.parley.audio;

import java.util.ArrayList;
import java.util.List;

/**
 * A call-progress tone with a cadence, written frame by frame: Asterisk's {@code indications.conf}
 * notation, steps {@code FREQ/MILLIS}, {@code FREQ1+FREQ2/MILLIS} (two tones summed) or
 * {@code FREQ*MOD/MILLIS} (FREQ amplitude-modulated by MOD), comma-separated and repeated; a
 * frequency of 0 is a pause. E.g. France's ringing tone {@code 440/1500,0/3500}.
 *
 * <p>No allocation after construction; one instance per stream, not thread-safe.
 */
public final class CadenceTone {
    private final int sampleRate;
    private final Step[] steps;
    private final double amplitude;
    private int step;
    private int sampleInStep;
    private long sample;

    private record Step(double first, double second, boolean modulated, int samples) {}

    /**
     * @param levelDbfs peak level of the tone (of the sum, for two tones)
     * @throws IllegalArgumentException for a cadence not in that notation, or a frequency above Nyquist
     */
    public CadenceTone(String cadence, int sampleRate, double levelDbfs) {
        this.sampleRate = sampleRate;
        this.amplitude = 32767 * Math.pow(10, levelDbfs / 20);
        List<Step> parsed = new ArrayList<>();
        for (String part : cadence.split(",")) {
            parsed.add(step(part.strip(), cadence, sampleRate));
        }
        if (parsed.stream().allMatch(s -> s.samples == 0)) {
            throw new IllegalArgumentException("cadence '" + cadence + "' has no duration");
        }
        this.steps = parsed.toArray(Step[]::new);
    }

    private static Step step(String part, String cadence, int rate) {
        String[] fm = part.split("/");
        try {
            if (fm.length != 2) {
                throw new NumberFormatException();
            }
            int millis = Integer.parseInt(fm[1].strip());
            String f = fm[0].strip();
            boolean modulated = f.contains("*");
            String[] freqs = f.split("[+*]");
            double first = Double.parseDouble(freqs[0]);
            double second = freqs.length > 1 ? Double.parseDouble(freqs[1]) : 0;
            if (first < 0 || second < 0 || first >= rate / 2.0 || second >= rate / 2.0 || millis < 0) {
                throw new IllegalArgumentException(
                        "step '" + part + "' of cadence '" + cadence + "' is out of range at " + rate + " Hz");
            }
            return new Step(first, second, modulated, (int) ((long) millis * rate / 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("step '" + part + "' of cadence '" + cadence
                    + "' is not FREQ/MILLIS, FREQ+FREQ/MILLIS or FREQ*MOD/MILLIS");
        }
    }

    /** Writes the next {@code len} samples into {@code out[off..]}. */
    public void fill(short[] out, int off, int len) {
        for (int n = 0; n < len; n++) {
            while (sampleInStep >= steps[step].samples) {
                step = (step + 1) % steps.length;
                sampleInStep = 0;
            }
            Step s = steps[step];
            double t = (double) sample / sampleRate;
            double v;
            if (s.first == 0) {
                v = 0;
            } else if (s.modulated) {
                // Asterisk's playtones: the carrier at 90% modulation depth.
                v = Math.sin(2 * Math.PI * s.first * t) * (1 + 0.9 * Math.sin(2 * Math.PI * s.second * t)) / 1.9;
            } else if (s.second > 0) {
                v = (Math.sin(2 * Math.PI * s.first * t) + Math.sin(2 * Math.PI * s.second * t)) / 2;
            } else {
                v = Math.sin(2 * Math.PI * s.first * t);
            }
            out[off + n] = (short) Math.round(amplitude * v);
            sampleInStep++;
            sample++;
        }
    }

    /** Back to the start of the cadence (a new wait). */
    public void restart() {
        step = 0;
        sampleInStep = 0;
        sample = 0;
    }
}
