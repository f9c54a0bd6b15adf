package io.parley.monitor;

import java.nio.charset.StandardCharsets;

/** What a dashboard route answers; handlers return it so that tests can call them without a server. */
record HttpReply(int status, String contentType, byte[] body) {
    static final String JSON = "application/json; charset=utf-8";
    static final String TEXT = "text/plain; charset=utf-8";
    static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";

    static HttpReply ok(String contentType, String body) {
        return new HttpReply(200, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    static HttpReply notFound(String what) {
        return new HttpReply(404, TEXT, what.getBytes(StandardCharsets.UTF_8));
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
