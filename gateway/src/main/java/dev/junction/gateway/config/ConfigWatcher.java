package dev.junction.gateway.config;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Watches the configuration file and hands each valid change to the gateway, without a restart.
 *
 * <p>Every {@code server.reloadSeconds} it reads the file. Content it has not acted on yet is read
 * again {@link #SETTLE_MS} later and taken only if both reads agree, so that a file being written
 * is not taken half-written. It is then parsed and validated with the environment and port
 * override of the first load: a valid configuration goes to {@code apply}, and one INFO line
 * summarises it; an invalid one is refused with one ERROR line naming the file and each problem
 * with its path, and the configuration in force stays. A file that cannot be read (removed, say)
 * gets one WARN line and changes nothing. Each of these lines also goes to {@code reports}.
 *
 * <p>Checks run one at a time on the context of the thread that called {@link #start}: call it
 * outside any verticle, since what a reload deploys would become that verticle's child. Reading and
 * parsing happen off the event loop.
 */
public final class ConfigWatcher {

    /** How long new content must stay the same before it is taken. */
    static final long SETTLE_MS = 250;

    private static final Logger LOG = LoggerFactory.getLogger(ConfigWatcher.class);

    private final Vertx vertx;
    private final GatewayConfig started;
    private final Function<GatewayConfig, Future<?>> apply;
    private final Consumer<ReloadReport> reports;
    private GatewayConfig running;
    /** What the last read found: a revision, or why the file could not be read. */
    private String seen;
    /** The last of these acted upon. */
    private String handled;
    private int periodSeconds;
    private volatile long timer = -1;
    private boolean checking;
    private volatile boolean stopped;

    /** One read of the file: its revision and content, or (content null) why it could not be read. */
    private record Reading(String key, Buffer content) {}

    private ConfigWatcher(
            Vertx vertx, GatewayConfig config, Function<GatewayConfig, Future<?>> apply, Consumer<ReloadReport> reports) {
        this.vertx = vertx;
        this.started = config;
        this.running = config;
        this.apply = apply;
        this.reports = reports;
        this.seen = config.revision();
        this.handled = config.revision();
    }

    /**
     * Watches the file {@code config} was read from, every {@code server.reloadSeconds} (which
     * should not be 0).
     *
     * @param config the configuration in force
     * @param apply puts a new configuration in force; its future completes once it serves
     * @param reports gets each line the watcher logs
     */
    public static ConfigWatcher start(
            Vertx vertx, GatewayConfig config, Function<GatewayConfig, Future<?>> apply, Consumer<ReloadReport> reports) {
        ConfigWatcher watcher = new ConfigWatcher(vertx, config, apply, reports);
        watcher.schedule(config.server().reloadSeconds());
        return watcher;
    }

    /** Stops watching; a check under way applies nothing more. */
    public void stop() {
        stopped = true;
        vertx.cancelTimer(timer);
    }

    private void schedule(int seconds) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        periodSeconds = seconds;
        timer = seconds == 0 || stopped ? -1 : vertx.setPeriodic(TimeUnit.SECONDS.toMillis(seconds), id -> scan());
    }

    private void scan() {
        if (checking || stopped) {
            return;
        }
        checking = true;
        check().onComplete(done -> checking = false);
    }

    private Future<Void> check() {
        return read().compose(reading -> {
            if (reading.key().equals(handled)) {
                seen = handled;
                return Future.succeededFuture();
            }
            if (!reading.key().equals(seen)) {
                seen = reading.key();
                return vertx.timer(SETTLE_MS, TimeUnit.MILLISECONDS).compose(settled -> check());
            }
            handled = reading.key();
            return act(reading);
        });
    }

    private Future<Reading> read() {
        return ConfigLoader.read(vertx, running.source().file())
                .map(content -> new Reading(ConfigLoader.revision(content), content))
                .recover(failure -> Future.succeededFuture(new Reading(failure.getMessage(), null)));
    }

    private Future<Void> act(Reading reading) {
        if (reading.content() == null) {
            log(Level.WARN, reading.key() + "; the configuration in force stays");
            return Future.succeededFuture();
        }
        if (reading.key().equals(running.revision())) {
            return Future.succeededFuture();
        }
        return ConfigLoader.parse(vertx, reading.content(), running.source())
                .compose(this::applyConfig, refused -> {
                    log(Level.ERROR, "Reload of " + running.source() + " refused, the configuration in force stays: "
                            + problems(refused));
                    return Future.succeededFuture();
                });
    }

    /** The problems on one line: {@code "path: message; path: message"}, or the parser's words. */
    private static String problems(Throwable refused) {
        List<String> problems = refused instanceof ConfigException config
                ? config.errors()
                : List.of(String.valueOf(refused.getMessage()));
        return problems.stream()
                .map(problem -> problem.lines()
                        .map(String::strip)
                        .filter(line -> !line.isEmpty() && !line.equals("^"))
                        .collect(Collectors.joining(" ")))
                .collect(Collectors.joining("; "));
    }

    private Future<Void> applyConfig(GatewayConfig next) {
        if (stopped) {
            return Future.succeededFuture();
        }
        ConfigDiff diff = ConfigDiff.between(running, next);
        return apply.apply(next)
                .<Void>map(applied -> {
                    running = next;
                    List<String> restart = ConfigDiff.needingRestart(started, next);
                    if (!restart.isEmpty()) {
                        log(Level.WARN, "Configuration " + next.source() + ": " + String.join(", ", restart)
                                + " changed, which applies after a restart; until then the gateway keeps its"
                                + " listening address and plugin folder");
                    }
                    log(Level.INFO, "Configuration " + next.source() + " reloaded: " + diff.summary());
                    if (next.server().reloadSeconds() != periodSeconds) {
                        rescheduled(next.server().reloadSeconds());
                    }
                    return null;
                })
                .recover(failure -> {
                    log(Level.ERROR, "Configuration " + next.source() + " could not be applied: " + failure);
                    return Future.succeededFuture();
                });
    }

    private void rescheduled(int seconds) {
        schedule(seconds);
        log(Level.INFO, seconds == 0
                ? "Configuration reloading is off (server.reloadSeconds: 0); a restart turns it back on"
                : "Configuration file checked every " + seconds + " s from now on");
    }

    private void log(Level level, String message) {
        LOG.atLevel(level).log(message);
        reports.accept(new ReloadReport(level, message));
    }
}
