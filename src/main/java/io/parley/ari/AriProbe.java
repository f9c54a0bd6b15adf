package io.parley.ari;

import io.parley.config.AriSettings;
import java.time.Duration;

/**
 * What {@code parley check} says about the ARI connection: can Asterisk's HTTP server be reached,
 * does it accept parley's user, and is parley's Stasis application registered.
 */
public record AriProbe(Check reachable, Check authenticated, Check registered) {

    /** One yes/no answer with a one-line explanation. */
    public record Check(boolean ok, String explanation) {}

    public boolean ok() {
        return reachable.ok() && authenticated.ok() && registered.ok();
    }

    /** Asks Asterisk; never throws. */
    public static AriProbe run(AriSettings settings, Duration timeout) {
        return run(AriClient.create(settings, timeout), settings);
    }

    static AriProbe run(AriClient ari, AriSettings settings) {
        String where = settings.url().toString();
        String version;
        try {
            version = ari.asteriskInfo().path("system").path("version").asText("?");
        } catch (AriException e) {
            if (e.status() == 0) {
                return new AriProbe(
                        new Check(false, "cannot reach Asterisk's HTTP server at " + where + ": " + e.getMessage()),
                        skipped(),
                        skipped());
            }
            Check reached = new Check(true, "Asterisk's HTTP server answers at " + where);
            if (e.status() == 401) {
                return new AriProbe(
                        reached,
                        new Check(
                                false,
                                "user '" + settings.username() + "' refused (HTTP 401):"
                                        + " check PARLEY_ARI_USERNAME/PARLEY_ARI_PASSWORD against ari.conf"),
                        skipped());
            }
            return new AriProbe(
                    reached,
                    new Check(
                            false,
                            "GET /ari/asterisk/info answered " + e.status()
                                    + ": is res_ari loaded and ari.conf enabled=yes?"),
                    skipped());
        }
        Check reached = new Check(true, "Asterisk " + version + " answers at " + where);
        Check authenticated = new Check(true, "user '" + settings.username() + "' accepted");
        try {
            boolean registered = ari.application(settings.app()).isPresent();
            return new AriProbe(
                    reached,
                    authenticated,
                    registered
                            ? new Check(true, "Stasis application '" + settings.app() + "' is registered")
                            : new Check(
                                    false,
                                    "Stasis application '" + settings.app() + "' is not registered: it is while"
                                            + " parley runs with ARI (is it running?)"));
        } catch (AriException e) {
            return new AriProbe(
                    reached,
                    authenticated,
                    new Check(false, "cannot read application '" + settings.app() + "': " + e.getMessage()));
        }
    }

    private static Check skipped() {
        return new Check(false, "not checked (the step before failed)");
    }
}
