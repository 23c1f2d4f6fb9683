package dev.junction.gateway.dialect;

/**
 * A model as the models endpoints list it.
 *
 * @param ownedBy the id of the backend that serves it
 */
public record ModelEntry(String id, String ownedBy) {}
