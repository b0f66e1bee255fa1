package ca.relais.core.intake;

import ca.relais.core.model.Language;
import java.util.List;

/** What intake answers. */
public sealed interface IntakeOutcome {

  /**
   * The submission is stored (now, or earlier when {@code replay} is true), or was a bot's and is
   * silently dropped. {@code language} is the submission's language, for the thank-you page.
   */
  record Accepted(String id, Language language, boolean replay) implements IntakeOutcome {}

  /** Nothing stored: every bad field, to show the sender. */
  record Rejected(List<FieldError> errors) implements IntakeOutcome {
    public Rejected {
      errors = List.copyOf(errors);
    }
  }
}
