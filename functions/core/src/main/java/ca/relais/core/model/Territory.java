package ca.relais.core.model;

import java.util.Optional;

/**
 * Where a submission belongs: its MRC (the unit of routing), region and, when known, municipality.
 */
public record Territory(
    String mrcCode,
    String mrcName,
    String regionCode,
    String regionName,
    Optional<String> municipalityCode,
    Optional<String> municipalityName) {}
