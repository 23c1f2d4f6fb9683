package dev.junction.gateway.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;

/** Logging contexts of a test's own, apart from the JVM's, started as Logback's own start-up leaves its one. */
final class FreshContexts {

    private FreshContexts() {}

    static LoggerContext started() {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        context.start();
        return context;
    }
}
