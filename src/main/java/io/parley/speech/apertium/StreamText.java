package io.parley.speech.apertium;

import java.util.regex.Pattern;

/**
 * Plain text to and from Apertium's stream format, as {@code apertium-destxt} and
 * {@code apertium-retxt} do it for one line: the characters the format uses for itself are
 * escaped with a backslash on the way in and unescaped on the way out. One difference: a blank
 * always follows the text, because the fr-es and es-fr transfer rules drop a sentence's final
 * full stop when nothing follows it.
 */
final class StreamText {

    private static final String RESERVED = "\\[]^$/@<>{}";
    private static final Pattern ESCAPE = Pattern.compile("\\\\(.)");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern SPACE_BEFORE_STOP = Pattern.compile("\\s+([.,])");
    private static final Pattern SPACE_BEFORE_MARK = Pattern.compile("\\s+([?!:;])");

    private StreamText() {}

    /** {@code text} (one line, no control characters) as an Apertium request body. */
    static String deformat(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (RESERVED.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append(' ').toString();
    }

    /**
     * An Apertium reply as plain text in {@code language}: unescaped, spaces collapsed, none
     * before {@code . ,} and, except in French, whose typography wants them, none before
     * {@code ? ! : ;} (French input's "vous ?" otherwise comes out as "you ?").
     */
    static String reformat(String reply, String language) {
        String text = SPACES.matcher(ESCAPE.matcher(reply).replaceAll("$1"))
                .replaceAll(" ")
                .strip();
        text = SPACE_BEFORE_STOP.matcher(text).replaceAll("$1");
        return language.equals("fr") ? text : SPACE_BEFORE_MARK.matcher(text).replaceAll("$1");
    }
}
