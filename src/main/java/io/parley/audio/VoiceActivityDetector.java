package io.parley.audio;

/**
 * Frame-by-frame speech/non-speech decision from energy above an adaptive noise floor.
 * <p>Each frame is high-passed (second-order, 150 Hz: hum and rumble carry no speech) and its
 * energy compared with a noise floor that follows quiet frames down at once and rises slowly
 * ({@value #FLOOR_RISE_DB_PER_SECOND} dB/s), so it settles on the background between words without
 * climbing onto speech. So that a sudden rise of the background is not taken for endless speech,
 * the floor is never below the quietest frame of the last {@value #MINIMUM_WINDOW_SECONDS} seconds
 * (fluent speech has quieter frames than that between words). A frame is speech when it is {@code startMarginDb} above the floor, or
 * {@code continueMarginDb} above it while speech goes on (hysteresis keeps weak syllable ends),
 * and louder than {@code minSpeechDbfs}. Works the same on clean 16 kHz speech and on 16 kHz
 * that came from 8 kHz G.711: the energy that decides is mostly below 4 kHz.
 * <p>No allocation; one instance per stream, not thread-safe.
 */
public final class VoiceActivityDetector {
    static final double FLOOR_RISE_DB_PER_SECOND = 1.5;
    static final int MINIMUM_WINDOW_SECONDS = 5;

    private final int sampleRate;
    private final VoiceActivitySettings settings;
    private final double b0;
    private final double b1;
    private final double b2;
    private final double a1;
    private final double a2;
    private double x1;
    private double x2;
    private double y1;
    private double y2;
    private double floorDbfs = Double.NaN;
    private double levelDbfs = LevelMeter.FLOOR_DBFS;
    private boolean speech;
    /** Quietest level of each of the last whole seconds, and of the current one. */
    private final double[] secondMinima = new double[MINIMUM_WINDOW_SECONDS];

    private double currentMinimum = Double.POSITIVE_INFINITY;
    private int samplesThisSecond;
    private int secondsSeen;

    public VoiceActivityDetector(int sampleRate) {
        this(sampleRate, VoiceActivitySettings.DEFAULT);
    }

    public VoiceActivityDetector(int sampleRate, VoiceActivitySettings settings) {
        if (sampleRate < 4000) {
            throw new IllegalArgumentException(
                    "voice activity needs a sample rate of 4000 Hz or more, got " + sampleRate);
        }
        this.sampleRate = sampleRate;
        this.settings = settings;
        // Butterworth high pass (RBJ biquad, Q = 1/sqrt 2) at 150 Hz.
        double w = 2 * Math.PI * 150 / sampleRate;
        double alpha = Math.sin(w) / Math.sqrt(2);
        double cos = Math.cos(w);
        double a0 = 1 + alpha;
        b0 = (1 + cos) / 2 / a0;
        b1 = -(1 + cos) / a0;
        b2 = b0;
        a1 = -2 * cos / a0;
        a2 = (1 - alpha) / a0;
    }

    /** Decides whether {@code frame[off..off+len)} is speech; call once per frame, in order. */
    public boolean isSpeech(short[] frame, int off, int len) {
        double sum = 0;
        double px1 = x1;
        double px2 = x2;
        double py1 = y1;
        double py2 = y2;
        for (int i = off; i < off + len; i++) {
            double x = frame[i];
            double y = b0 * x + b1 * px1 + b2 * px2 - a1 * py1 - a2 * py2;
            px2 = px1;
            px1 = x;
            py2 = py1;
            py1 = y;
            sum += y * y;
        }
        x1 = px1;
        x2 = px2;
        y1 = py1;
        y2 = py2;
        double level = LevelMeter.powerToDbfs(len == 0 ? 0 : sum / len);
        levelDbfs = level;
        if (Double.isNaN(floorDbfs) || level < floorDbfs) {
            floorDbfs = level;
        } else {
            floorDbfs += FLOOR_RISE_DB_PER_SECOND * len / sampleRate;
        }
        trackMinimum(level, len);
        if (secondsSeen >= MINIMUM_WINDOW_SECONDS) {
            double windowMinimum = currentMinimum;
            for (double m : secondMinima) {
                windowMinimum = Math.min(windowMinimum, m);
            }
            floorDbfs = Math.max(floorDbfs, windowMinimum);
        }
        double margin = speech ? settings.continueMarginDb() : settings.startMarginDb();
        speech = level >= settings.minSpeechDbfs() && level >= floorDbfs + margin;
        return speech;
    }

    private void trackMinimum(double level, int len) {
        currentMinimum = Math.min(currentMinimum, level);
        samplesThisSecond += len;
        if (samplesThisSecond >= sampleRate) {
            secondMinima[secondsSeen % MINIMUM_WINDOW_SECONDS] = currentMinimum;
            secondsSeen++;
            currentMinimum = Double.POSITIVE_INFINITY;
            samplesThisSecond = 0;
        }
    }

    /** The background level the detector has settled on, in dBFS (high-passed). */
    public double noiseFloorDbfs() {
        return Double.isNaN(floorDbfs) ? LevelMeter.FLOOR_DBFS : floorDbfs;
    }

    /** The last frame's level, in dBFS (high-passed). */
    public double levelDbfs() {
        return levelDbfs;
    }

    /** Forgets the noise floor and the filter state, as if newly made. */
    public void reset() {
        x1 = x2 = y1 = y2 = 0;
        floorDbfs = Double.NaN;
        levelDbfs = LevelMeter.FLOOR_DBFS;
        speech = false;
        currentMinimum = Double.POSITIVE_INFINITY;
        samplesThisSecond = 0;
        secondsSeen = 0;
    }
}
