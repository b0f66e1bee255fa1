package ca.relais.core.model;

import java.util.List;
import java.util.Optional;

/**
 * An authentic webhook delivery that could not become a full sign-up or observation, kept so that
 * the relay team reads it instead of it being lost in the form tool's dashboard (a form tool never
 * fixes a 4xx by retrying).
 *
 * @param reason why it is kept for review instead of as a sign-up or an observation
 * @param intended what the external form produces ({@link SubmissionType#SIGNUP} or {@link
 *     SubmissionType#OBSERVATION})
 * @param formId the external form's id ({@code /forms/{formId}})
 * @param territory the territory read from the delivery, or {@link #noTerritory()} (routed to the
 *     program inbox)
 * @param problems what could not be read, one per Relais field
 * @param answers the answers as received, question by question (empty for {@link
 *     Reason#SIGNUP_WITHOUT_CONSENT}: nothing of the person is kept)
 * @param distress true when a distress answer could be read as true
 * @param language the language of the delivery when readable, else French
 */
public record ReportToReview(
    Reason reason,
    SubmissionType intended,
    String formId,
    Territory territory,
    List<Problem> problems,
    List<ReceivedAnswer> answers,
    boolean distress,
    Language language)
    implements SubmissionContent {

  /** The MRC code of a report whose territory could not be read: no MRC has it. */
  public static final String NO_TERRITORY_CODE = "000";

  public ReportToReview {
    problems = List.copyOf(problems);
    answers = List.copyOf(answers);
  }

  /** Why a delivery is kept for review. */
  public enum Reason {
    /** A required answer is missing or does not validate, or the territory is unknown. */
    INCOMPLETE,
    /** A sign-up without consent: only the attempt is kept, never the person's details. */
    SIGNUP_WITHOUT_CONSENT
  }

  /**
   * One Relais field that could not be read.
   *
   * @param field the Relais field ({@code description}, {@code municipality}...)
   * @param question the external form's question it is mapped from, or empty text
   * @param messageKey the key of the {@code i18n/messages} bundle that says what is wrong
   * @param arguments the values the message quotes
   */
  public record Problem(String field, String question, String messageKey, List<String> arguments) {
    public Problem {
      arguments = List.copyOf(arguments);
    }
  }

  /** One question of the delivery and its answers, as received (escaped when shown). */
  public record ReceivedAnswer(String question, List<String> values) {
    public ReceivedAnswer {
      values = List.copyOf(values);
    }
  }

  /** The territory of a report whose territory could not be read: routed to the program inbox. */
  public static Territory noTerritory() {
    return new Territory(NO_TERRITORY_CODE, "?", "00", "?", Optional.empty(), Optional.empty());
  }

  public boolean territoryKnown() {
    return !territory.mrcCode().equals(NO_TERRITORY_CODE);
  }

  @Override
  public SubmissionType type() {
    return SubmissionType.REVIEW;
  }
}
