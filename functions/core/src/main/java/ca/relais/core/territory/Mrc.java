package ca.relais.core.territory;

/** An MRC or a territoire équivalent (TE), the unit of routing: {@code 100} Rimouski-Neigette. */
public record Mrc(String code, String name, String regionCode, String kind) {}
