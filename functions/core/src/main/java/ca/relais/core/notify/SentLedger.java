package ca.relais.core.notify;

import ca.relais.core.privacy.PersonKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;

/**
 * Port: what was sent to whom for each submission, so that a redelivered message, a retry after a
 * crash or a duplicate in the stream never sends an email twice.
 */
public interface SentLedger {

  /**
   * The key of one email in the ledger: {@code {kind}#{recipient key}}, the recipient key being the
   * keyed HMAC of the address ({@link PersonKey}): the ledger and the email tags never hold the
   * address nor a plain hash a dictionary could reverse.
   */
  String emailKey(String kind, String address);

  /** The ledger's email key, with the recipient keyed by this person key. */
  static String emailKey(String kind, String address, PersonKey personKey) {
    return emailKeyOf(kind, personKey.of(address));
  }

  /** The key of an email whose recipient key is already known (from a provider's event). */
  static String emailKeyOf(String kind, String recipientKey) {
    return kind + "#" + recipientKey;
  }

  /** {@code alert#3f2a…} → {@code alert}. */
  static String kindOf(String emailKey) {
    int separator = emailKey.indexOf('#');
    return separator < 0 ? emailKey : emailKey.substring(0, separator);
  }

  /** {@code alert#3f2a…} → {@code 3f2a…}; empty for a key without a kind. */
  static String recipientKeyOf(String emailKey) {
    int separator = emailKey.indexOf('#');
    return separator < 0 ? "" : emailKey.substring(separator + 1);
  }

  /** The answer to a claim. */
  enum Claim {
    /** This worker may send now. */
    CLAIMED,
    /** Already sent: skip. */
    ALREADY_SENT,
    /** Another worker claimed it moments ago: try later. */
    IN_FLIGHT
  }

  /**
   * Claims the right to send one email (a conditional write). A claim left unconfirmed for longer
   * than {@code staleAfter} (its worker died) can be claimed again.
   */
  Claim claim(String submissionId, String emailKey, Instant now, Duration staleAfter);

  /** Confirms the email was accepted by the provider. */
  void markSent(String submissionId, String emailKey, String messageId, Instant now);

  /** Gives a claim back after a failed send, so the retry can claim it at once. */
  void release(String submissionId, String emailKey);

  /**
   * Holds, for {@code window}, the right to send the one email of this kind that a recipient gets
   * in that window, whatever the submission (at most one sign-up confirmation per address per 24
   * hours). A conditional write keyed by the recipient key, never the address.
   *
   * @param kind the email kind, e.g. {@code confirmation}
   * @param recipientKey the recipient's key, {@link #recipientKeyOf} of its {@link #emailKey}
   * @return true when this submission holds the window (now, or since an earlier call for the same
   *     submission: a redelivered message may send); false when another submission's email of this
   *     kind to the same recipient took it less than {@code window} before {@code now}
   */
  boolean holdRecipientWindow(
      String kind, String recipientKey, String submissionId, Instant now, Duration window);

  /**
   * Records that an email accepted earlier never reached its recipient (a bounce or a reject
   * reported by the provider). The entry cannot be claimed again: the same address would bounce.
   */
  void markUndeliverable(String submissionId, String emailKey, String reason, Instant at);

  /**
   * Records that a recipient's server turned an accepted email away for now (an SES {@code
   * Transient} or {@code Undetermined} bounce: out of office, mailbox full, message too large). Not
   * a refusal: the entry keeps its state, nothing is blocked, and the digest lists the submission
   * as "temporary, check".
   *
   * @param reason a code such as {@code Bounce/Transient}, never the provider's text
   */
  void markTemporarilyUndelivered(String submissionId, String emailKey, String reason, Instant at);

  /**
   * What happened to the emails of this kind ({@code alert}, {@code confirmation}) of these
   * submissions. Email keys are {@code {kind}#{recipient key}}.
   */
  Deliveries deliveriesAmong(Collection<String> submissionIds, String kind);

  /**
   * @param sent the submissions for which at least one email of the kind was accepted
   * @param undeliverable the submissions for which at least one email of the kind was refused for
   *     good (permanent bounce, reject, rendering failure, refused at sending)
   * @param temporarilyUndelivered the submissions for which at least one email of the kind was
   *     turned away for now (transient bounce: out of office, mailbox full): to check, not a
   *     refusal
   */
  record Deliveries(
      Set<String> sent, Set<String> undeliverable, Set<String> temporarilyUndelivered) {

    public Deliveries {
      sent = Set.copyOf(sent);
      undeliverable = Set.copyOf(undeliverable);
      temporarilyUndelivered = Set.copyOf(temporarilyUndelivered);
    }

    /** Deliveries without any temporary failure. */
    public Deliveries(Set<String> sent, Set<String> undeliverable) {
      this(sent, undeliverable, Set.of());
    }
  }
}
