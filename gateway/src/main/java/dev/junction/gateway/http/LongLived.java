package dev.junction.gateway.http;

import dev.junction.gateway.cluster.ClusterView;
import dev.junction.gateway.policy.limit.RateLimiter;
import dev.junction.gateway.resilience.CircuitBreakers;
import dev.junction.gateway.resilience.DeadlineSweeper;
import dev.junction.gateway.resilience.RecoveryListener;

/**
 * What the HTTP surface keeps across configuration reloads, handed to each build of its routes: the
 * view of the cluster's nodes (for health and model lists), the rate limiter's counts, the circuit breakers, the timeout sweeper (of
 * the HTTP server's context) and who hears of retries and fallbacks (the metrics).
 */
record LongLived(
        ClusterView cluster,
        RateLimiter limiter,
        CircuitBreakers breakers,
        DeadlineSweeper deadlines,
        RecoveryListener recoveries) {}
