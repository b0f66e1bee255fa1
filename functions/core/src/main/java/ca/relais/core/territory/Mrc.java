package ca.relais.core.territory;

/**
 * An MRC or a territoire équivalent, the unit of routing: {@code 100} Rimouski-Neigette ({@code
 * kind} {@code MRC}), {@code 251} Lévis ({@code kind} {@code TE}). The code is the 3-digit MAMH
 * code.
 */
public record Mrc(String code, String name, String regionCode, String kind) {}
