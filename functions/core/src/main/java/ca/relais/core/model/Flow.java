package ca.relais.core.model;

/** A place a stored attribute of a submission may go. */
public enum Flow {
  /** The submission's item in the table (its only full copy). */
  TABLE,
  /** The {@code ByMrcTime} index of the table (its projection). */
  INDEX,
  /** The table's stream (the template's {@code StreamViewType}). */
  STREAM,
  /** The alert emailed to the MRC's relay agents (and to those an escalation reaches). */
  ALERT_EMAIL,
  /** The confirmation emailed to the person who signed up. */
  CONFIRMATION,
  /**
   * The weekly digest of an MRC's reports, listed one by one for whoever got their alerts: the
   * MRC's agents, and for an MRC without an agent the region's team and the program inbox.
   */
  MRC_DIGEST,
  /** The weekly roll-up of a region: references to the distress reports of its MRCs. */
  REGION_DIGEST,
  /**
   * Counted, never shown one by one, in the weekly roll-up of a region and in the trend of an MRC's
   * digest (sign-ups, observations by category, distress).
   */
  COUNTS,
  /** Log lines. */
  LOGS
}
