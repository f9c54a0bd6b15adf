package io.parley.history;

/**
 * How the history is doing, for {@code /status} and {@code /metrics}.
 *
 * @param state         {@code ok}; {@code connecting} before the database first answered; {@code failing}
 *                      while writes fail (the queue fills, then drops)
 * @param database      what is written to, without credentials: {@code sqlite:PATH} or {@code postgresql://HOST/DB}
 * @param queueCapacity writes the queue holds before it drops
 * @param queued        writes waiting now
 * @param dropped       writes lost because the queue was full, since start
 * @param eventsDropped events the history lost because its queue on the event bus was full
 * @param written       writes committed since start
 * @param rejected      writes the database refused for good (not for lack of space or connection)
 * @param failures      failed attempts to write a batch, since start
 * @param lastError     the latest failure, empty when none
 * @param lastErrorAt   when it happened, null when never
 * @param recordingsDropped frames recordings lost because their writer fell behind
 */
public record HistoryHealth(
        String state,
        String database,
        int queueCapacity,
        int queued,
        long dropped,
        long eventsDropped,
        long written,
        long rejected,
        long failures,
        String lastError,
        Long lastErrorAt,
        long recordingsDropped) {}
