package ca.relais.core.forms;

import ca.relais.core.intake.BodyRejectedException;
import ca.relais.core.intake.IntakeOutcome;
import java.util.List;

/** What a delivery of an external form comes to. */
public sealed interface FormOutcome {

  /** No form is configured under this id. */
  record UnknownForm() implements FormOutcome {}

  /** The delivery is not authenticated: {@code credential} names the header or parameter. */
  record Unauthorized(String credential, boolean missing) implements FormOutcome {}

  /** The body cannot be read in the encoding the provider uses. */
  record BadBody(BodyRejectedException reason) implements FormOutcome {}

  /** The body reads, but does not have the provider's shape. */
  record UnexpectedPayload(String provider) implements FormOutcome {}

  /** Required Relais fields this delivery does not answer; nothing stored. */
  record Unmapped(List<MissingAnswer> missing) implements FormOutcome {
    public Unmapped {
      missing = List.copyOf(missing);
    }
  }

  /** The mapped submission went through intake: stored, a repeat, or invalid fields. */
  record Submitted(IntakeOutcome outcome) implements FormOutcome {}
}
