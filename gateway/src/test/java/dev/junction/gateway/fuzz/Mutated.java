package dev.junction.gateway.fuzz;

/**
 * A mutated request body.
 *
 * @param name what was done (a failure class's name)
 * @param expect what the gateway must answer
 */
record Mutated(String name, Expect expect, byte[] body) {}
