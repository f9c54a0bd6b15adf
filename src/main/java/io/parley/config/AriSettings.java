package io.parley.config;

import java.net.URI;

/** How to reach Asterisk's REST Interface. */
public record AriSettings(URI url, String username, Secret password, String app) {
    public static final URI DEFAULT_URL = URI.create("http://127.0.0.1:8088");
    public static final String DEFAULT_APP = "parley";
}
