package dev.junction.gateway.bus;

/**
 * The reading side's say over how fast a stream of events comes: {@link #pause()} when it can take
 * no more (the client's connection is full), {@link #resume()} when it can again. Pausing is a
 * request, not a wall: events already granted still arrive. Confined to the stream's context.
 */
public interface Demand {

    void pause();

    void resume();
}
