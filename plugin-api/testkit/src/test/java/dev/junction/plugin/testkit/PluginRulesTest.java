package dev.junction.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import dev.junction.plugin.BackendContext;
import java.util.Map;
import java.util.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PluginRulesTest {

    @Test
    void a_backend_on_its_contexts_timers_and_constants_passes() {
        assertThatCode(() -> PluginRules.check(new ClassFileImporter().importClasses(OnContext.class)))
                .doesNotThrowAnyException();
    }

    @Test
    void a_static_executor_is_reported_by_field_and_by_call() {
        assertViolates(PluginRules.NO_THREADS_IN_FIELDS, StaticPool.class, "StaticPool.POOL");
        assertViolates(PluginRules.NO_THREADS_STARTED, StaticPool.class, "Executors.newCachedThreadPool");
        assertViolates(PluginRules.ALL, StaticPool.class, "StaticPool.POOL");
    }

    @Test
    void an_executor_held_by_an_instance_is_reported_too() {
        assertViolates(PluginRules.NO_THREADS_IN_FIELDS, OwnTimer.class, "OwnTimer.timer");
        assertViolates(PluginRules.NO_THREADS_STARTED, OwnTimer.class, "Timer.<init>");
    }

    @Test
    void a_thread_started_by_hand_is_reported() {
        assertViolates(PluginRules.NO_THREADS_STARTED, HandMadeThread.class, "Thread.<init>");
    }

    @Test
    void a_thread_local_is_reported() {
        assertViolates(PluginRules.NO_THREADS_IN_FIELDS, PerThread.class, "PerThread.BUFFER");
    }

    @Test
    void a_static_field_that_is_not_final_is_reported() {
        assertViolates(PluginRules.NO_STATIC_STATE, Counter.class, "Counter.count");
    }

    @Test
    void a_shutdown_hook_and_vertx_shared_json_mapper_are_reported() {
        assertViolates(PluginRules.NO_GLOBAL_REGISTRATIONS, ShutdownHook.class, "Runtime.addShutdownHook");
        assertViolates(PluginRules.NO_GLOBAL_REGISTRATIONS, SharedMapper.class, "DatabindCodec.mapper");
    }

    private static void assertViolates(ArchRule rule, Class<?> sample, String what) {
        assertThatThrownBy(() -> rule.check(new ClassFileImporter().importClasses(sample)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(what);
    }

    /** Schedules on its context, keeps an immutable constant and per-instance state: allowed. */
    static final class OnContext {
        static final Map<String, Integer> LIMITS = Map.of("a", 1);
        private final BackendContext context;
        private final Map<String, String> state = new ConcurrentHashMap<>();
        private volatile ScheduledFuture<?> deadline;

        OnContext(BackendContext context) {
            this.context = context;
        }

        void start(Runnable onExpiry) {
            deadline = context.timers().schedule(onExpiry, 1, TimeUnit.SECONDS);
            context.workers().execute(() -> state.put("started", "yes"));
        }
    }

    static final class StaticPool {
        static final ExecutorService POOL = Executors.newCachedThreadPool();
    }

    static final class OwnTimer {
        private final Timer timer = new Timer(true);
    }

    static final class HandMadeThread {
        void start(Runnable task) {
            new Thread(task).start();
        }
    }

    static final class PerThread {
        static final ThreadLocal<StringBuilder> BUFFER = ThreadLocal.withInitial(StringBuilder::new);
    }

    static final class Counter {
        static int count;
    }

    static final class ShutdownHook {
        void install(Thread hook) {
            Runtime.getRuntime().addShutdownHook(hook);
        }
    }

    static final class SharedMapper {
        Object mapper() {
            return io.vertx.core.json.jackson.DatabindCodec.mapper();
        }
    }
}
