package ca.relais.core.territory;

/**
 * An administrative region of Québec: {@code 01} Bas-Saint-Laurent... {@code 17} Centre-du-Québec.
 */
public record Region(String code, String name) {}
