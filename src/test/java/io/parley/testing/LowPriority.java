package io.parley.testing;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.IOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadFactory;

/**
 * Threads at the lowest scheduling priority (nice 19), for a test's long batch work (recognising a
 * corpus for its word error rate): test JVMs run side by side on few cores, and a real-time call
 * in another JVM must not wait for the cores behind such work. Linux schedules each thread on its
 * own, so only these threads are lowered, never the JVM or the thread that asked; the batch still
 * has the cores whenever nobody else needs them.
 */
public final class LowPriority {
    private static final int PRIO_PROCESS = 0;
    private static final int LOWEST = 19;
    private static final MethodHandle GETTID = handle("gettid", FunctionDescriptor.of(JAVA_INT));
    private static final MethodHandle SETPRIORITY =
            handle("setpriority", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));

    private static final ThreadFactory NAMED =
            Thread.ofPlatform().name("low-priority-", 0).factory();

    private LowPriority() {}

    /** Work that returns a value and may fail with {@code E}. */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T run() throws E;
    }

    /**
     * Runs {@code work} on a new thread at the lowest priority and returns its result, or throws
     * what it threw. Processes it starts inherit the priority (a browser, a driver).
     */
    public static <T, E extends Exception> T call(Work<T, E> work) throws E, InterruptedException {
        Object[] result = new Object[1];
        Throwable[] failure = new Throwable[1];
        // Lowered inside the try: a thread that cannot lower itself fails the call, never returns null.
        Thread thread = NAMED.newThread(() -> {
            try {
                lowerThisThread();
                result[0] = work.run();
            } catch (Throwable e) {
                failure[0] = e;
            }
        });
        thread.start();
        thread.join();
        if (failure[0] != null) {
            throw LowPriority.<E>rethrow(failure[0]);
        }
        @SuppressWarnings("unchecked")
        T value = (T) result[0];
        return value;
    }

    /** What the work threw, as it threw it: only {@code E}, an unchecked exception or an error can be. */
    @SuppressWarnings("unchecked")
    private static <E extends Exception> E rethrow(Throwable failure) throws E {
        throw (E) failure;
    }

    /** Platform threads that lower their own priority before they run anything. */
    public static ThreadFactory threads() {
        return work -> NAMED.newThread(() -> {
            lowerThisThread();
            work.run();
        });
    }

    /** The calling thread's nice value, as Linux keeps it per thread (19 once lowered). */
    static int niceOfThisThread() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/task/" + tid() + "/stat"));
        // Fields after the command's closing parenthesis; nice is the 19th field of the line.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(fields[16]);
    }

    private static void lowerThisThread() {
        int tid = tid();
        int result;
        try {
            result = (int) SETPRIORITY.invokeExact(PRIO_PROCESS, tid, LOWEST);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        if (result != 0) {
            throw new IllegalStateException("setpriority(" + tid + ", " + LOWEST + ") failed");
        }
    }

    /** The calling thread's id in the kernel, which {@code setpriority} takes for that thread alone. */
    private static int tid() {
        try {
            return (int) GETTID.invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static MethodHandle handle(String name, FunctionDescriptor descriptor) {
        Linker linker = Linker.nativeLinker();
        return linker.downcallHandle(linker.defaultLookup().find(name).orElseThrow(), descriptor);
    }
}
