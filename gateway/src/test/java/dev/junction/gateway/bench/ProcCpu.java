package dev.junction.gateway.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time of other processes, read from {@code /proc/<pid>/stat} (Linux): utime + stime in clock
 * ticks. The tick length is taken as 10 ms ({@code CLK_TCK} 100, the value on every common Linux).
 */
final class ProcCpu {

    static final long MICROS_PER_TICK = 10_000;

    private ProcCpu() {}

    /** utime + stime of {@code pids}, summed; 0 for none. */
    static long ticks(List<Long> pids) {
        long total = 0;
        for (long pid : pids) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                // the command name (field 2) may hold spaces: fields are counted after its ')'
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                total += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the CPU time of process " + pid, e);
            }
        }
        return total;
    }

    static double micros(long ticks) {
        return ticks * (double) MICROS_PER_TICK;
    }
}
