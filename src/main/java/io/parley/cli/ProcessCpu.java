package io.parley.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time a process has used, from {@code /proc/PID/stat} (utime + stime, fields 14 and 15, in
 * clock ticks of 1/100 s on Linux), as {@code top} and {@code ps} count it.
 */
final class ProcessCpu {
    /** USER_HZ: 100 on every Linux architecture parley runs on. */
    static final int TICKS_PER_SECOND = 100;

    private ProcessCpu() {}

    /** Seconds of CPU used by {@code pid} so far, user and system; NaN when it cannot be read (not Linux, process gone). */
    static double seconds(long pid) {
        try {
            return parse(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** The CPU seconds in the text of a {@code /proc/PID/stat} file. */
    static double parse(String stat) {
        // The command name (field 2) is in parentheses and may hold spaces: count fields after its end.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        long utime = Long.parseLong(f[14 - 3]);
        long stime = Long.parseLong(f[15 - 3]);
        return (utime + stime) / (double) TICKS_PER_SECOND;
    }

    /** The load averages of the machine ({@code /proc/loadavg}: 1, 5, 15 minutes), or "unknown". */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
