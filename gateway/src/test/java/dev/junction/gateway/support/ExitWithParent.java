package dev.junction.gateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Runs a main class in a JVM that a test forked, and ends that JVM (with its shutdown hooks) when
 * its standard input closes, which happens when the test's JVM dies: a test run killed half-way
 * leaves no gateway behind. {@code java ... ExitWithParent MAIN_CLASS ARGS...}
 */
public final class ExitWithParent {

    private ExitWithParent() {}

    public static void main(String[] args) throws Exception {
        Thread watch = new Thread(() -> {
            try (InputStream in = System.in) {
                while (in.read() >= 0) {
                    // nothing is ever written; only the end matters
                }
            } catch (IOException e) {
                // the end, as well
            }
            System.exit(0);
        }, "exit-with-parent");
        watch.setDaemon(true);
        watch.start();
        Method main = Class.forName(args[0]).getMethod("main", String[].class);
        main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    }
}
