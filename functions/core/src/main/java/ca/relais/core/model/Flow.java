package ca.relais.core.model;

/** A place a stored attribute of a submission may go. */
public enum Flow {
  /** The submission's item in the table (its only full copy). */
  TABLE,
  /** The {@code ByMrcTime} index of the table (its projection). */
  INDEX,
  /** The table's stream (the template's {@code StreamViewType}). */
  STREAM,
  /** The alert emailed to the MRC's relay agents (and the confirmation to the person). */
  ALERT_EMAIL,
  /** The weekly digest of an MRC. */
  MRC_DIGEST,
  /** The weekly roll-up of a region: counts and references only. */
  REGION_DIGEST,
  /** Log lines. */
  LOGS
}
