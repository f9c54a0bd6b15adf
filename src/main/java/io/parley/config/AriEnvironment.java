package io.parley.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Applies the {@code PARLEY_ARI_*} environment variables over the configuration's ARI settings.
 *
 * <p>Without ARI settings in the configuration and without any of the variables, the result is
 * empty and parley runs its bridges on RTP alone. The environment is passed in as a map so that
 * callers (and tests) decide where it comes from.
 */
public final class AriEnvironment {
    public static final String URL = "PARLEY_ARI_URL";
    public static final String USERNAME = "PARLEY_ARI_USERNAME";
    public static final String PASSWORD = "PARLEY_ARI_PASSWORD";
    public static final String APP = "PARLEY_ARI_APP";

    /** Asterisk accepts any name, but ours ends up in URLs, bridge names and channel ids. */
    private static final Pattern APP_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private AriEnvironment() {}

    /**
     * @throws IllegalArgumentException naming the variable or field at fault when the result would
     *                                  be unusable (not an http(s) URL, no user, a bad app name)
     */
    public static Optional<AriSettings> apply(Optional<AriSettings> configured, Map<String, String> env) {
        boolean anySet = value(env, URL).isPresent()
                || value(env, USERNAME).isPresent()
                || value(env, PASSWORD).isPresent()
                || value(env, APP).isPresent();
        if (configured.isEmpty() && !anySet) {
            return Optional.empty();
        }
        AriSettings base = configured.orElse(
                new AriSettings(AriSettings.DEFAULT_URL, "", new Secret(""), AriSettings.DEFAULT_APP));
        URI url = value(env, URL).map(AriEnvironment::parseUrl).orElse(base.url());
        String user = value(env, USERNAME).orElse(base.username());
        Secret password = value(env, PASSWORD).map(Secret::new).orElse(base.password());
        String app = value(env, APP).orElse(base.app());
        return Optional.of(validated(new AriSettings(url, user, password, app)));
    }

    private static AriSettings validated(AriSettings s) {
        String scheme = s.url().getScheme();
        if (scheme == null
                || !(scheme.equals("http") || scheme.equals("https"))
                || s.url().getHost() == null) {
            throw new IllegalArgumentException(
                    "ARI URL '" + s.url() + "' (" + URL + " or ari.url) is not an http(s) URL"
                            + " with a host; give Asterisk's HTTP server, e.g. " + AriSettings.DEFAULT_URL);
        }
        if (s.username() == null || s.username().isBlank()) {
            throw new IllegalArgumentException("ARI needs a user: set " + USERNAME + " (and " + PASSWORD
                    + ") or ari.username in the configuration to a user of Asterisk's ari.conf");
        }
        if (s.app() == null || !APP_NAME.matcher(s.app()).matches()) {
            throw new IllegalArgumentException("ARI application name '" + s.app() + "' (" + APP + " or ari.app) must be"
                    + " 1-64 letters, digits, '_', '.' or '-', and match Stasis(NAME,...) in extensions.conf");
        }
        return s;
    }

    private static URI parseUrl(String text) {
        try {
            return new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    URL + "='" + text + "' is not a URL (" + e.getReason() + "); give Asterisk's HTTP server, e.g. "
                            + AriSettings.DEFAULT_URL,
                    e);
        }
    }

    private static Optional<String> value(Map<String, String> env, String key) {
        String v = env.get(key);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }
}
