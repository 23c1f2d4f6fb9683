package dev.junction.gateway.provider;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test class against one {@link ProviderGateway} for all its tests, whose fake upstreams forget
 * what they received and what was queued before each test.
 */
@Timeout(60)
abstract class ProviderGatewayTest {

    static ProviderGateway providers;

    @BeforeAll
    static void startProviders(@TempDir Path dir) {
        providers = new ProviderGateway(dir);
    }

    @AfterAll
    static void stopProviders() {
        providers.close();
    }

    @BeforeEach
    void resetUpstreams() {
        providers.resetUpstreams();
    }
}
