package io.parley.speech;

import io.parley.speech.SpeechCorpus.Utterance;
import io.parley.speech.WordErrorRate.Score;
import io.parley.testing.LowPriority;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Recognises utterances the way a bridge does (start, 20 ms frames, finish) and scores them:
 * word errors, decoding time against audio time, and the time {@code finish} takes.
 */
public final class RecognitionRun {
    private static final int FRAME = 320;

    private RecognitionRun() {}

    /**
     * One utterance: wall-clock and CPU (this thread) time spent in {@code feed} and in
     * {@code finish}; CPU time is what to read on a machine shared with other builds.
     */
    public record Result(
            Utterance utterance,
            String hypothesis,
            Score score,
            long feedNanos,
            long finishNanos,
            long feedCpuNanos,
            long finishCpuNanos,
            int partials) {
        public double realTimeFactor() {
            return (feedNanos + finishNanos) / 1e9 / utterance.seconds();
        }
    }

    public record Summary(List<Result> results) {
        public Score total() {
            return results.stream().map(Result::score).reduce(new Score(0, 0), Score::plus);
        }

        public double realTimeFactor() {
            double audio =
                    results.stream().mapToDouble(r -> r.utterance().seconds()).sum();
            double cpu = results.stream()
                    .mapToDouble(r -> (r.feedNanos() + r.finishNanos()) / 1e9)
                    .sum();
            return cpu / audio;
        }

        /** Percentile ({@code 0..100}, nearest rank) of {@code finish} times in milliseconds. */
        public double finishMillis(double percentile) {
            return percentile(
                    results.stream().mapToDouble(r -> r.finishNanos() / 1e6).toArray(), percentile);
        }

        public double finishCpuMillis(double percentile) {
            return percentile(
                    results.stream().mapToDouble(r -> r.finishCpuNanos() / 1e6).toArray(), percentile);
        }

        /** CPU seconds per second of audio, feed and finish together. */
        public double cpuRealTimeFactor() {
            double audio =
                    results.stream().mapToDouble(r -> r.utterance().seconds()).sum();
            double cpu = results.stream()
                    .mapToDouble(r -> (r.feedCpuNanos() + r.finishCpuNanos()) / 1e9)
                    .sum();
            return cpu / audio;
        }

        private static double percentile(double[] values, double percentile) {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            int rank = (int) Math.ceil(percentile / 100 * sorted.length);
            return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
        }

        public String table() {
            StringBuilder out = new StringBuilder();
            for (Result r : results) {
                out.append(String.format(
                        Locale.ROOT,
                        "%-6s %2d/%-2d %6.1f ms  | %s%n      -> %s%n",
                        r.utterance().voice(),
                        r.score().errors(),
                        r.score().words(),
                        r.finishNanos() / 1e6,
                        r.utterance().text(),
                        r.hypothesis()));
            }
            out.append(summaryLine()).append('\n');
            return out.toString();
        }

        public String summaryLine() {
            Score total = total();
            return String.format(
                    Locale.ROOT,
                    "WER %.1f%% (%d errors / %d words, %d utterances), RTF %.3f (CPU %.3f), finish p50 %.1f ms"
                            + " p95 %.1f ms (CPU p50 %.1f ms p95 %.1f ms)",
                    100 * total.rate(),
                    total.errors(),
                    total.words(),
                    results.size(),
                    realTimeFactor(),
                    cpuRealTimeFactor(),
                    finishMillis(50),
                    finishMillis(95),
                    finishCpuMillis(50),
                    finishCpuMillis(95));
        }
    }

    public static Summary run(SpeechRecognizer recognizer, List<Utterance> utterances, int threads)
            throws SpeechException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Result>> futures = new ArrayList<>();
            for (Utterance utterance : utterances) {
                futures.add(pool.submit(() -> recognise(recognizer, utterance)));
            }
            return new Summary(gather(futures));
        } finally {
            pool.shutdownNow();
        }
    }

    /** The futures' values in order; a recogniser's failure comes out as itself. */
    private static <T> List<T> gather(List<Future<T>> futures) throws SpeechException {
        try {
            List<T> values = new ArrayList<>();
            for (Future<T> future : futures) {
                values.add(future.get());
            }
            return values;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SpeechException speech) {
                throw speech;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Result recognise(SpeechRecognizer recognizer, Utterance utterance) throws SpeechException {
        AtomicInteger partials = new AtomicInteger();
        short[] samples = utterance.samples();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        try (RecognitionStream stream = recognizer.start(text -> partials.incrementAndGet())) {
            long started = System.nanoTime();
            long startedCpu = cpu.getCurrentThreadCpuTime();
            short[] frame = new short[FRAME];
            for (int at = 0; at < samples.length; at += FRAME) {
                int length = Math.min(FRAME, samples.length - at);
                System.arraycopy(samples, at, frame, 0, length);
                stream.feed(frame, 0, length);
            }
            long fed = System.nanoTime();
            long fedCpu = cpu.getCurrentThreadCpuTime();
            String hypothesis = stream.finish();
            long finished = System.nanoTime();
            long finishedCpu = cpu.getCurrentThreadCpuTime();
            return new Result(
                    utterance,
                    hypothesis,
                    WordErrorRate.score(utterance.text(), hypothesis),
                    fed - started,
                    finished - fed,
                    fedCpu - startedCpu,
                    finishedCpu - fedCpu,
                    partials.get());
        }
    }

    /** Opens a recogniser with one decoder. */
    @FunctionalInterface
    public interface Opener {
        SpeechRecognizer open() throws SpeechException;
    }

    /**
     * Each voice's sentences in order on its own recogniser with one decoder, the voices in
     * parallel on up to {@code threads} threads. A decoder carries its cepstral mean from one
     * utterance to the next, so this keeps every result independent of thread scheduling.
     */
    public static Summary runPerVoice(
            Opener opener, List<String> sentences, List<String> voices, SpeechCorpus.Channel channel, int threads)
            throws SpeechException {
        // At the lowest priority: in the suite, calls in real time run beside this in other JVMs.
        ExecutorService pool = Executors.newFixedThreadPool(threads, LowPriority.threads());
        try {
            List<Future<Summary>> futures = new ArrayList<>();
            for (String voice : voices) {
                futures.add(pool.submit(() -> {
                    List<Utterance> utterances = corpus(sentences, List.of(voice), channel);
                    try (SpeechRecognizer recognizer = opener.open()) {
                        return run(recognizer, utterances, 1);
                    }
                }));
            }
            return new Summary(gather(futures).stream()
                    .flatMap(summary -> summary.results().stream())
                    .toList());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Every sentence spoken by every voice through {@code channel}. */
    public static List<Utterance> corpus(List<String> sentences, List<String> voices, SpeechCorpus.Channel channel) {
        List<Utterance> utterances = new ArrayList<>();
        for (String voice : voices) {
            for (String sentence : sentences) {
                utterances.add(SpeechCorpus.utterance(sentence, voice, channel));
            }
        }
        return utterances;
    }
}
