package ca.relais.core.privacy;

import ca.relais.core.model.SubmissionType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Port: one person's records, found through the person index (their {@link PersonKey}), never by
 * scanning the table.
 */
public interface PersonRecords {

  /** The ids of the submissions made with the address of this person key. */
  List<String> submissionIds(String personKey);

  /** One submission with its ledger entries; empty when it no longer exists. */
  Optional<PersonRecord> record(String submissionId);

  /**
   * Removes the submission, its duplicate guards, its sent-ledger entries and its person-index
   * entry.
   *
   * @return how many items were deleted
   */
  int erase(PersonRecord record, String personKey);

  /**
   * Sets one declared attribute of a submission to a new text; when it is the address, the person
   * index entry moves from one person key to the other.
   */
  void rectify(PersonRecord record, String attribute, String value, Optional<Rekey> rekey);

  /** The person-index entry of a submission moves from one person key to another. */
  record Rekey(String from, String to) {}

  /** Records the withdrawal of consent on a sign-up: the proof stays, the use ends. */
  void withdraw(PersonRecord record, Instant at);

  /**
   * A stored submission as the person tool sees it.
   *
   * @param attributes every declared attribute present on the item, by its schema name (texts,
   *     booleans, lists of texts)
   * @param emails what the sent ledger says was emailed about it
   */
  record PersonRecord(
      String id, SubmissionType type, Map<String, Object> attributes, List<EmailSent> emails) {}

  /**
   * One email of the ledger: its kind ({@code alert}, {@code confirmation}), state ({@code SENT},
   * {@code PENDING}, {@code UNDELIVERABLE}) and when it was sent.
   */
  record EmailSent(String kind, String state, Optional<String> sentAt) {}
}
