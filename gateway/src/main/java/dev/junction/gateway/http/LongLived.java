package dev.junction.gateway.http;

import dev.junction.gateway.backend.BackendHost;
import dev.junction.gateway.bus.NodeDirectory;
import dev.junction.gateway.policy.limit.RateLimiter;
import dev.junction.gateway.resilience.CircuitBreakers;
import dev.junction.gateway.resilience.DeadlineSweeper;
import dev.junction.gateway.resilience.RecoveryListener;

/**
 * What the HTTP surface keeps across configuration reloads, handed to each build of its routes: the
 * backends of this node, the cluster's nodes that serve them, the rate limiter's counts, the circuit breakers, the timeout sweeper (of
 * the HTTP server's context) and who hears of retries and fallbacks (the metrics).
 */
record LongLived(
        BackendHost host,
        NodeDirectory nodes,
        RateLimiter limiter,
        CircuitBreakers breakers,
        DeadlineSweeper deadlines,
        RecoveryListener recoveries) {}
