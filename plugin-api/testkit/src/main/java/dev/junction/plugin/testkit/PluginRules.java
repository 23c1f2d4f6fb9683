package dev.junction.plugin.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.List;
import java.util.Set;
import java.util.Timer;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

/**
 * What a plugin's classes must not do so that nothing of the plugin outlives it, as ArchUnit rules
 * on their bytecode: a backend that the gateway retires, or a plugin JAR that it replaces, leaves
 * no thread, timer, pool, static state or JVM-wide registration behind to keep running or to keep
 * the plugin's class loader reachable. The host's {@link dev.junction.plugin.BackendContext} gives
 * a backend the timers and threads it needs, and stops them when the backend retires: keep the
 * context in a field and ask it for {@code timers()} and {@code workers()} where they are needed.
 *
 * <p>A plugin's test runs them on its own classes with {@link #checkPackages}:
 *
 * <pre>{@code
 * @Test
 * void leaves_nothing_behind() {
 *     PluginRules.checkPackages("com.example.myplugin");
 * }
 * }</pre>
 *
 * <p>Static final fields are allowed, whatever they hold: a static cache behind one is still the
 * plugin author's to avoid.
 *
 * @since 1.0.0
 */
public final class PluginRules {

    private static final List<Class<?>> HELD_BY_NO_FIELD = List.of(Thread.class, Executor.class, Timer.class, ThreadLocal.class);
    private static final List<Class<?>> MADE_BY_NO_ONE = List.of(Thread.class, ExecutorService.class, Timer.class);

    /** No field holds a thread, an executor (a pool, a scheduler, a fork-join pool), a timer or a thread-local. */
    public static final ArchRule NO_THREADS_IN_FIELDS = noFields()
            .should()
            .haveRawType(DescribedPredicate.describe(
                    "a thread, an executor, a timer or a thread-local",
                    type -> isAny(type, HELD_BY_NO_FIELD)))
            .because("a plugin uses the timers and workers of its BackendContext, which the gateway stops")
            .allowEmptyShould(true);

    /** Every static field is final: no state outlives the backends that made it. */
    public static final ArchRule NO_STATIC_STATE = fields()
            .that()
            .areStatic()
            .should()
            .beFinal()
            .because("static state is shared by every backend of the plugin and outlives each of them")
            .allowEmptyShould(true);

    /** No thread, pool or timer is made: no {@code new Thread}, {@code Executors.*}, {@code new Timer}... */
    public static final ArchRule NO_THREADS_STARTED = noClasses()
            .should()
            .callConstructorWhere(DescribedPredicate.describe(
                    "a constructor of a thread, an executor service or a timer",
                    call -> isAny(call.getTargetOwner(), MADE_BY_NO_ONE)))
            .orShould()
            .callMethodWhere(calls("java.util.concurrent.Executors", Set.of()))
            .orShould()
            .callMethodWhere(calls("java.lang.Thread", Set.of("ofPlatform", "ofVirtual", "startVirtualThread")))
            .orShould()
            .callMethodWhere(calls("java.util.concurrent.CompletableFuture", Set.of("delayedExecutor")))
            .because("a plugin uses the timers and workers of its BackendContext, which the gateway stops")
            .allowEmptyShould(true);

    /** Nothing is registered with the JVM or the gateway's shared objects, where it would outlive the plugin. */
    public static final ArchRule NO_GLOBAL_REGISTRATIONS = noClasses()
            .should()
            .callMethodWhere(calls("java.lang.Runtime", Set.of("addShutdownHook")))
            .orShould()
            .callMethodWhere(calls("java.lang.Thread", Set.of("setDefaultUncaughtExceptionHandler")))
            .orShould()
            .callMethodWhere(calls("java.net.URL", Set.of("setURLStreamHandlerFactory")))
            .orShould()
            .callMethodWhere(calls("java.net.URLConnection", Set.of("setContentHandlerFactory", "setFileNameMap")))
            .orShould()
            .callMethodWhere(calls("java.util.logging.Logger", Set.of("addHandler", "setFilter")))
            .orShould()
            .callMethodWhere(calls("java.security.Security", Set.of("addProvider", "insertProviderAt")))
            .orShould()
            .callMethodWhere(calls("java.sql.DriverManager", Set.of("registerDriver")))
            .orShould()
            .callMethodWhere(calls("io.vertx.core.json.jackson.DatabindCodec", Set.of("mapper", "prettyMapper")))
            .because("a JVM-wide registration holds the plugin's classes after the plugin is gone; Vert.x's"
                    + " JSON mapper is the gateway's (a plugin that needs Jackson uses an ObjectMapper of its own)")
            .allowEmptyShould(true);

    /** All of the above. */
    public static final ArchRule ALL = CompositeArchRule.of(NO_THREADS_IN_FIELDS)
            .and(NO_STATIC_STATE)
            .and(NO_THREADS_STARTED)
            .and(NO_GLOBAL_REGISTRATIONS);

    private PluginRules() {}

    /**
     * Checks {@link #ALL} on the main classes (not the tests) of {@code packages} and their
     * subpackages on the class path.
     *
     * @throws AssertionError listing every violation
     */
    public static void checkPackages(String... packages) {
        check(new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(packages));
    }

    /**
     * Checks {@link #ALL} on {@code classes}.
     *
     * @throws AssertionError listing every violation
     */
    public static void check(JavaClasses classes) {
        ALL.check(classes);
    }

    private static boolean isAny(JavaClass type, List<Class<?>> supertypes) {
        return supertypes.stream().anyMatch(type::isAssignableTo);
    }

    /** A call to {@code methods} of {@code owner} (any of its methods when {@code methods} is empty). */
    private static DescribedPredicate<JavaCall<?>> calls(String owner, Set<String> methods) {
        String description = methods.isEmpty() ? owner + ".*" : owner + "." + String.join("/", methods);
        return DescribedPredicate.describe(
                description,
                call -> call.getTargetOwner().getName().equals(owner)
                        && (methods.isEmpty() || methods.contains(call.getName())));
    }
}
