package dev.junction.gateway.provider;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test class whose tests share one {@link ProviderGateway}, started before the first test and
 * closed after the last; each test starts with upstreams that have received nothing and have
 * nothing scripted.
 */
@Timeout(60)
abstract class WithProviderGateway {

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
