package ca.relais.local.template;

/**
 * An attribute definition of a table.
 *
 * @param name the attribute's name
 * @param type {@code S}, {@code N} or {@code B}
 */
public record AttrDef(String name, String type) {}
