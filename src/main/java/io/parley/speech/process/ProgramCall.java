package io.parley.speech.process;

import io.parley.audio.AudioClip;
import io.parley.audio.WavFile;
import io.parley.audio.WavFormatException;
import io.parley.speech.SpeechException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One run of an external program: the command (no shell), bytes on its standard input, its
 * standard output back, all within a deadline. A program that outlives the deadline is killed,
 * so a hung engine costs at most {@code timeout} and leaves no process behind.
 *
 * <p>Thread-safe (no state); each call uses two short-lived virtual threads to drain the
 * program's output streams and one to feed its input, so a chatty program cannot block on a
 * full pipe while its input is being written.
 */
public final class ProgramCall {

    /** Output beyond this is a runaway program, not speech: about 20 minutes of 22 kHz audio. */
    static final int MAX_OUTPUT_BYTES = 64 << 20;

    private static final int STDERR_TAIL = 400;
    private static final Duration DRAIN_GRACE = Duration.ofSeconds(1);

    private ProgramCall() {}

    /**
     * Runs a synthesiser that writes a WAV file on its standard output ({@link #run}) and reads it
     * ({@link WavFile}; the streamed kind with placeholder sizes too).
     *
     * @throws SpeechException as {@link #run} does, or when what it wrote is no WAV file
     */
    public static AudioClip wav(String engine, List<String> command, byte[] input, Duration timeout)
            throws SpeechException {
        byte[] wav = run(engine, command, input, timeout);
        try {
            return WavFile.parse(wav, "WAV from " + engine);
        } catch (WavFormatException e) {
            throw new SpeechException(e.getMessage(), e);
        }
    }

    /**
     * Runs {@code command} with {@code input} on its standard input and returns what it wrote on
     * its standard output. {@code engine} names the engine in error messages.
     *
     * @throws SpeechException when it cannot start, exits with a non-zero code, writes too much,
     *                         or does not finish within {@code timeout} (it is then killed)
     */
    public static byte[] run(String engine, List<String> command, byte[] input, Duration timeout)
            throws SpeechException {
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new SpeechException(engine + ": cannot start " + command.getFirst() + ": " + e.getMessage(), e);
        }
        FutureTask<byte[]> stdout = drain(process.getInputStream(), MAX_OUTPUT_BYTES, process);
        FutureTask<byte[]> stderr = drain(process.getErrorStream(), MAX_OUTPUT_BYTES, process);
        Thread.ofVirtual().name(engine + "-stdin").start(() -> feed(process.getOutputStream(), input));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                throw new SpeechException(engine + ": " + command.getFirst() + " (pid " + process.pid()
                        + ") gave no result within " + timeout.toMillis() + " ms and was killed");
            }
            byte[] out = stdout.get(DRAIN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            if (out.length >= MAX_OUTPUT_BYTES) {
                throw new SpeechException(engine + ": " + command.getFirst() + " wrote more than " + MAX_OUTPUT_BYTES
                        + " bytes and was killed; output discarded");
            }
            int code = process.exitValue();
            if (code != 0) {
                throw new SpeechException(
                        engine + ": " + command.getFirst() + " exited with code " + code + describeStderr(stderr));
            }
            return out;
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new SpeechException(engine + ": interrupted while waiting for " + command.getFirst(), e);
        } catch (ExecutionException | TimeoutException e) {
            kill(process);
            throw new SpeechException(engine + ": cannot read the output of " + command.getFirst() + ": " + e, e);
        }
    }

    private static void feed(OutputStream stdin, byte[] input) {
        try (stdin) {
            stdin.write(input);
        } catch (IOException e) {
            // The program exited without reading all of its input; its exit code tells why.
        }
    }

    /** Reads a stream to its end on a virtual thread, keeping at most {@code cap} bytes. */
    private static FutureTask<byte[]> drain(InputStream stream, int cap, Process process) {
        FutureTask<byte[]> task = new FutureTask<>(() -> {
            try (stream) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] buffer = new byte[8192];
                int n;
                while ((n = stream.read(buffer)) > 0) {
                    if (out.size() + n > cap) {
                        process.destroyForcibly();
                        out.write(buffer, 0, cap - out.size());
                        return out.toByteArray();
                    }
                    out.write(buffer, 0, n);
                }
                return out.toByteArray();
            }
        });
        Thread.ofVirtual().name("program-output").start(task);
        return task;
    }

    private static String describeStderr(FutureTask<byte[]> stderr) {
        try {
            String text = new String(stderr.get(DRAIN_GRACE.toMillis(), TimeUnit.MILLISECONDS), StandardCharsets.UTF_8)
                    .strip();
            if (text.isEmpty()) {
                return "";
            }
            return ": " + (text.length() > STDERR_TAIL ? "..." + text.substring(text.length() - STDERR_TAIL) : text);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        } catch (ExecutionException | TimeoutException e) {
            return "";
        }
    }

    private static void kill(Process process) {
        process.destroyForcibly();
        try {
            process.waitFor(DRAIN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
