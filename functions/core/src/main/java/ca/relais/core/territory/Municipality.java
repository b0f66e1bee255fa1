package ca.relais.core.territory;

/**
 * A local municipality, unorganised territory, reserve, category I land or Indian settlement, with
 * its 5-digit code, its MRC and its MAMH {@code designation} ("Ville", "Paroisse", "Réserve
 * indienne"...). Reserves and Nord-du-Québec entities are placed in the MRC or TE that contains
 * them.
 */
public record Municipality(
    String code, String name, String mrcCode, String designation, String regionCode) {}
