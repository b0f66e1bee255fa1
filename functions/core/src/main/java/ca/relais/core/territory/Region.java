package ca.relais.core.territory;

/** An administrative region of Québec: {@code 01} Bas-Saint-Laurent... */
public record Region(String code, String name) {}
