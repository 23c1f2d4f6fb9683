package dev.junction.gateway.bench;

/** Ends a load tool's process with exit code 3 when it runs past its time, so that a bench script never hangs. */
final class HardDeadline {

    private HardDeadline() {}

    /** Starts a daemon thread that exits the process after {@code seconds}, naming {@code tool}. */
    static void start(String tool, long seconds) {
        Thread deadline = new Thread(() -> {
            try {
                Thread.sleep(seconds * 1000L);
                System.err.println(tool + ": hard deadline passed, giving up");
                System.exit(3);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, tool + "-deadline");
        deadline.setDaemon(true);
        deadline.start();
    }
}
