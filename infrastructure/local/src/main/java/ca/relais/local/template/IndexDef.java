package ca.relais.local.template;

import java.util.List;

/**
 * A global secondary index of a table.
 *
 * @param name {@code IndexName}
 * @param keys its {@code KeySchema}
 * @param projectionType {@code Projection.ProjectionType}: {@code ALL}, {@code KEYS_ONLY} or {@code
 *     INCLUDE}
 */
public record IndexDef(String name, List<KeyDef> keys, String projectionType) {}
