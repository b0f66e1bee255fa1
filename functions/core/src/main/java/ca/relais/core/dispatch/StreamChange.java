package ca.relais.core.dispatch;

import java.util.Optional;

/**
 * One change of the table's stream, reduced to what dispatch needs: its position, whether it is an
 * insert, and the stored item's type, id and MRC when they are present.
 */
public record StreamChange(
    String sequenceNumber,
    boolean insert,
    Optional<String> recordType,
    Optional<String> submissionId,
    Optional<String> submissionType,
    Optional<String> mrcCode) {}
