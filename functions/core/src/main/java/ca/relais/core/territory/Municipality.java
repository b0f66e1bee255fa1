package ca.relais.core.territory;

/** A local municipality, unorganised territory, reserve or land unit, with its MRC. */
public record Municipality(
    String code, String name, String mrcCode, String designation, String regionCode) {}
