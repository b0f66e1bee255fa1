package ca.relais.core.model;

/** The two kinds of submission Relais takes in. */
public enum SubmissionType {
  SIGNUP("S"),
  OBSERVATION("O");

  private final String idPrefix;

  SubmissionType(String idPrefix) {
    this.idPrefix = idPrefix;
  }

  /** The first letter of every reference id of this type. */
  public String idPrefix() {
    return idPrefix;
  }
}
