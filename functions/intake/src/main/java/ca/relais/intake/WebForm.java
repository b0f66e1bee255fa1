package ca.relais.intake;

import ca.relais.core.model.SubmissionType;

/** The two web forms: where each is served and posted, and what it submits. */
enum WebForm {
  SIGNUP("/inscription", SubmissionType.SIGNUP, "signup"),
  OBSERVATION("/signalement", SubmissionType.OBSERVATION, "observation");

  private final String path;
  private final SubmissionType type;
  private final String code;

  WebForm(String path, SubmissionType type, String code) {
    this.path = path;
    this.type = type;
    this.code = code;
  }

  /** {@code GET} shows the form, {@code POST} takes it. */
  String path() {
    return path;
  }

  SubmissionType type() {
    return type;
  }

  /** The form's name in its token and its template. */
  String code() {
    return code;
  }
}
