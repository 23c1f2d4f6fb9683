package dev.junction.gateway.http;

import dev.junction.gateway.support.ProbeBackendFactory;
import dev.junction.plugin.Backend;
import dev.junction.plugin.BackendContext;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.pf4j.Extension;

/**
 * A test plugin's factory that holds each backend's start until the test opens the {@link Gate}: a
 * reload that starts one takes as long as the test wants. Its JAR holds this class alone, so that
 * the gate and the probe backend come from the gateway's class path, shared with the test.
 */
@Extension
public class GatedStartFactory extends ProbeBackendFactory {

    @Override
    public Backend create(BackendContext context) {
        Gate.waiting.countDown();
        try {
            Gate.open.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return super.create(context);
    }

    /** The test's side: {@link #open} lets the starts through; {@link #waiting} tells one is held. */
    public static final class Gate {

        public static final CountDownLatch open = new CountDownLatch(1);
        public static final CountDownLatch waiting = new CountDownLatch(1);

        private Gate() {}
    }
}
