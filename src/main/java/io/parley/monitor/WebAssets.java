package io.parley.monitor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard's files (HTML, CSS, JavaScript, icon), read from the classpath once at start.
 * Everything a page needs is here: the browser fetches nothing from anywhere else.
 */
final class WebAssets {
    private static final String ROOT = "/io/parley/monitor/web/";
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "svg", "image/svg+xml");
    /** Files served under {@code /assets/}; pages are served by their own routes. */
    static final List<String> PUBLIC =
            List.of("dashboard.css", "common.js", "bridge.js", "overview.js", "history.js", "favicon.svg");

    private final Map<String, byte[]> files = new LinkedHashMap<>();

    WebAssets() {
        files.put("bridge.html", read("bridge.html"));
        files.put("overview.html", read("overview.html"));
        files.put("history.html", read("history.html"));
        for (String name : PUBLIC) {
            files.put(name, read(name));
        }
    }

    private static byte[] read(String name) {
        try (InputStream in = WebAssets.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("monitor: resource " + ROOT + name + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("monitor: cannot read resource " + ROOT + name, e);
        }
    }

    /** A public asset by file name; empty for anything else (including paths that try to climb out). */
    Optional<HttpReply> asset(String name) {
        if (!PUBLIC.contains(name)) {
            return Optional.empty();
        }
        return Optional.of(new HttpReply(200, type(name), files.get(name)));
    }

    /** A page with its {@code {{placeholders}}} replaced by HTML-escaped values. */
    HttpReply page(String name, Map<String, String> values) {
        String html = new String(files.get(name), StandardCharsets.UTF_8);
        for (Map.Entry<String, String> v : values.entrySet()) {
            html = html.replace("{{" + v.getKey() + "}}", escape(v.getValue()));
        }
        return HttpReply.ok(type(name), html);
    }

    private static String type(String name) {
        return TYPES.get(name.substring(name.lastIndexOf('.') + 1));
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
