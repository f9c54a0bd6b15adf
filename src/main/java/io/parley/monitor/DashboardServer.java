package io.parley.monitor;

import io.javalin.Javalin;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * One dashboard port: a Javalin server with {@link DashboardRoutes}. Stopping it takes
 * milliseconds: no graceful drain (pages reconnect by themselves) and no start-up watcher
 * thread (Javalin's would keep a stopped process alive for five seconds).
 */
final class DashboardServer implements AutoCloseable {
    private static final int MAX_THREADS = 16;
    private static final int MIN_THREADS = 2;

    private final String bridge;
    private final Javalin app;

    /** Binds and starts at once, so that a port in use fails the start with the port in the message. */
    DashboardServer(String bridge, String bind, int port, DashboardRoutes routes) {
        this.bridge = bridge;
        QueuedThreadPool pool = new QueuedThreadPool(MAX_THREADS, MIN_THREADS);
        pool.setName("parley-dashboard-" + bridge);
        pool.setDaemon(true);
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.startup.startupWatcherEnabled = false;
            config.jetty.threadPool = pool;
            config.jetty.modifyServer(server -> server.setStopTimeout(0));
            config.http.generateEtags = false;
            routes.register(config.routes);
        });
        try {
            app.start(bind, port);
        } catch (RuntimeException e) {
            app.stop();
            throw new MonitorStartException(
                    "monitor: the dashboard of bridge " + bridge + " cannot listen on "
                            + bind + ":" + port + " (" + rootMessage(e)
                            + "); is another process using the port? Change the"
                            + " bridge's dashboard port or stop that process.",
                    e);
        }
    }

    int port() {
        return app.port();
    }

    String bridge() {
        return bridge;
    }

    @Override
    public void close() {
        app.stop();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
