package ca.relais.local.template;

/**
 * One element of a key schema.
 *
 * @param name the attribute's name
 * @param keyType {@code HASH} or {@code RANGE}
 */
public record KeyDef(String name, String keyType) {}
