package io.parley.cli;

import io.parley.bridge.Role;
import io.parley.config.ParleyConfig;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;

/**
 * A command that runs part of the plan (or all of it) until SIGTERM or Ctrl-C: it starts the
 * components of its {@link Role}, prints what runs where, waits, and releases everything on the
 * way out.
 */
abstract class ProcessCommand extends ConfiguredCommand {

    /** What this process runs; an invalid choice is reported to the user and yields null. */
    abstract Role role(ParleyConfig config);

    /** Printed once everything has started. */
    abstract void summary(ParleyConfig config, ParleyRuntime runtime);

    @Override
    final int run(ParleyConfig config) throws InterruptedException {
        Role role = role(config);
        if (role == null) {
            return ExitCodes.INVALID;
        }
        ParleyRuntime runtime;
        try {
            runtime = ParleyRuntime.start(config, role);
        } catch (IOException e) {
            err().println(e.getMessage());
            err().flush();
            return ExitCodes.FAILED;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            runtime.close();
                            stopped.countDown();
                        },
                        "parley-shutdown"));
        summary(config, runtime);
        out().println("ready; Ctrl-C or SIGTERM stops");
        out().flush();
        stopped.await();
        return ExitCodes.OK;
    }
}
