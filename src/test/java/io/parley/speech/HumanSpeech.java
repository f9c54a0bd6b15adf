package io.parley.speech;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * The development set of human telephone speech (issue 11): recordings of one human speaker at
 * 8 kHz from Debian's {@code asterisk-core-sounds-en-wav}, with their texts from the package's
 * {@code core-sounds-en.txt.gz}.
 *
 * <p>Only the recordings at the top level of the folder whose names start with a to k and whose
 * text has 5 to 30 words belong to it (92 recordings, 792 words); bracketed texts (tones, beeps)
 * are skipped. Everything else in the package, and any other human speech, is held out to judge
 * the recogniser: this class never reads it. The text file holds every prompt's text, so it is
 * filtered line by line before anything is kept.
 *
 * <p>Two fixed halves for cross-validation: recordings with the same words (a prompt recorded as
 * "to increase the volume..." and "...to increase the volume", or the same sentence under two
 * names) form one group; groups in the order of their first file name go alternately to half A
 * and half B. So no sentence is in both halves, and each half has the same mix of prompts.
 */
public final class HumanSpeech {
    /** Where the package puts the recordings. */
    public static final Path SOUNDS = Path.of("/usr/share/asterisk/sounds/en_US_f_Allison");

    public static final Path TEXTS = Path.of("/usr/share/doc/asterisk-core-sounds-en/core-sounds-en.txt.gz");
    public static final String PACKAGE = "asterisk-core-sounds-en-wav";
    private static final Pattern ENTRY = Pattern.compile("^([a-k][^/:\\s]*):\\s*(.*)$");
    /** The rest of the folder's top level, the same speaker: judged once, never tuned on. */
    private static final Pattern HELD_OUT_ENTRY = Pattern.compile("^([l-z][^/:\\s]*):\\s*(.*)$");

    private HumanSpeech() {}

    /** The two halves of the development set. */
    public enum Half {
        A,
        B
    }

    /** One recording: its name (file name without {@code .wav}), text, file and half. */
    public record Recording(String name, String text, Path file, Half half) {}

    /** Whether the package is installed (the tests that need it say so when it is not). */
    public static boolean available() {
        return Files.isDirectory(SOUNDS) && Files.isRegularFile(TEXTS);
    }

    /** The development set, in file-name order. */
    public static List<Recording> developmentSet() {
        return select(ENTRY);
    }

    /**
     * The recordings at the folder's top level whose names start with l to z, chosen as the
     * development set is (5 to 30 words, no bracketed entry), in file-name order: held out, to
     * judge a result once (their halves mean nothing). Nothing is adapted or tuned on them.
     */
    public static List<Recording> heldOutSet() {
        return select(HELD_OUT_ENTRY);
    }

    private static List<Recording> select(Pattern entries) {
        Map<String, String> texts = new TreeMap<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(TEXTS))) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                Matcher m = entries.matcher(line.strip());
                if (m.matches()) {
                    texts.put(m.group(1), m.group(2).strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + TEXTS + " (apt-get install " + PACKAGE + ")", e);
        }
        Map<String, Half> halfOfWords = new LinkedHashMap<>();
        List<Recording> set = new ArrayList<>();
        for (Map.Entry<String, String> entry : texts.entrySet()) {
            String text = entry.getValue();
            Path file = SOUNDS.resolve(entry.getKey() + ".wav");
            int words = WordErrorRate.words(text).size();
            if (text.startsWith("[") || words < 5 || words > 30 || !Files.isRegularFile(file)) {
                continue;
            }
            String key = String.join(" ", WordErrorRate.words(text));
            Half half = halfOfWords.computeIfAbsent(key, k -> halfOfWords.size() % 2 == 0 ? Half.A : Half.B);
            set.add(new Recording(entry.getKey(), text, file, half));
        }
        return set;
    }

    /** The recordings of one half, in file-name order. */
    public static List<Recording> half(Half half) {
        return developmentSet().stream().filter(r -> r.half() == half).toList();
    }
}
