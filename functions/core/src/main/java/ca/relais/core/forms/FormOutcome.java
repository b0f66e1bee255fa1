package ca.relais.core.forms;

import ca.relais.core.intake.BodyRejectedException;
import ca.relais.core.model.Language;
import java.util.List;

/** What a webhook delivery (a submission of an external form) comes to. */
public sealed interface FormOutcome {

  /** No form is configured under this id. */
  record UnknownForm() implements FormOutcome {}

  /** The delivery is not authenticated: {@code credential} names the header or parameter. */
  record Unauthorized(String credential, boolean missing) implements FormOutcome {}

  /** The body cannot be read in the encoding the provider uses (not JSON, too large...). */
  record BadBody(BodyRejectedException reason) implements FormOutcome {}

  /** An event that is not a submitted response (a Typeform partial response): nothing stored. */
  record Ignored(String eventType) implements FormOutcome {}

  /**
   * A configuration error: questions the form's file maps that the form's own definition (sent with
   * the delivery) does not have. Nothing stored; the operator fixes the file.
   */
  record QuestionNotInForm(List<MissingAnswer> questions) implements FormOutcome {
    public QuestionNotInForm {
      questions = List.copyOf(questions);
    }
  }

  /**
   * The delivery is kept (or was kept before, when {@code replay} is true).
   *
   * @param id the reference id of the record (of the first record, for a replay)
   * @param kind what was kept
   * @param unread the Relais fields that could not be read: missing or invalid for a report to
   *     review, dropped optional answers otherwise
   * @param language the language of the person who answered, for a page
   */
  record Kept(String id, Kind kind, boolean replay, List<String> unread, Language language)
      implements FormOutcome {
    public Kept {
      unread = List.copyOf(unread);
    }
  }

  /** What a kept delivery became. */
  enum Kind {
    /** A sign-up or an observation. */
    SUBMISSION,
    /** A sign-up or an observation correcting the first record of the same delivery id. */
    CORRECTION,
    /** A report to review: a required answer missing or invalid, or the territory unknown. */
    REVIEW,
    /** A sign-up without consent: not stored as a sign-up; the relay team is told of the try. */
    CONSENT_MISSING
  }
}
