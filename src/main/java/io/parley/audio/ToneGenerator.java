package io.parley.audio;

/**
 * A sine tone written frame by frame, continuous in phase across frames.
 * <p>A rotating phasor stands in for {@code Math.sin} per sample (the load simulator runs
 * a thousand of these); its length is renormalised once per call so it neither grows nor decays.
 * No allocation; one instance per stream, not thread-safe.
 */
public final class ToneGenerator {
    private final int sampleRate;
    private final double frequencyHz;
    private final double amplitude;
    private final double cosStep;
    private final double sinStep;
    private double re = 1;
    private double im = 0;

    /**
     * @param levelDbfs peak level; 0 dBFS is a full-scale sine (amplitude 32767)
     */
    public ToneGenerator(int sampleRate, double frequencyHz, double levelDbfs) {
        if (sampleRate <= 0 || frequencyHz < 0 || frequencyHz >= sampleRate / 2.0) {
            throw new IllegalArgumentException("tone of " + frequencyHz + " Hz at " + sampleRate
                    + " Hz: the frequency must be between 0 and the Nyquist frequency " + sampleRate / 2.0 + " Hz");
        }
        if (levelDbfs > 0) {
            throw new IllegalArgumentException("tone level " + levelDbfs + " dBFS would clip: use 0 dBFS or less");
        }
        this.sampleRate = sampleRate;
        this.frequencyHz = frequencyHz;
        this.amplitude = 32767 * Math.pow(10, levelDbfs / 20);
        double step = 2 * Math.PI * frequencyHz / sampleRate;
        this.cosStep = Math.cos(step);
        this.sinStep = Math.sin(step);
    }

    public int sampleRate() {
        return sampleRate;
    }

    public double frequencyHz() {
        return frequencyHz;
    }

    /** Writes the next {@code len} samples of the tone into {@code out[off..]}. */
    public void fill(short[] out, int off, int len) {
        double r = re;
        double i = im;
        for (int n = 0; n < len; n++) {
            out[off + n] = (short) Math.round(amplitude * i);
            double nr = r * cosStep - i * sinStep;
            i = r * sinStep + i * cosStep;
            r = nr;
        }
        double norm = 1 / Math.sqrt(r * r + i * i);
        re = r * norm;
        im = i * norm;
    }
}
