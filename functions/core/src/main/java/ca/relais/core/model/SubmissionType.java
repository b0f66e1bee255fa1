package ca.relais.core.model;

/**
 * The kinds of submission Relais takes in: sign-ups and observations, and webhook deliveries kept
 * for review ({@link ReportToReview}).
 */
public enum SubmissionType {
  SIGNUP("S"),
  OBSERVATION("O"),
  REVIEW("R");

  private final String idPrefix;

  SubmissionType(String idPrefix) {
    this.idPrefix = idPrefix;
  }

  /** The first letter of every reference id of this type. */
  public String idPrefix() {
    return idPrefix;
  }
}
