package ca.relais.core.notify;

import ca.relais.core.log.StructuredLogger;
import ca.relais.core.model.Observation;
import ca.relais.core.model.Submission;
import ca.relais.core.port.SubmissionStore;
import ca.relais.core.routing.RecipientResolver;
import ca.relais.core.routing.Recipients;
import ca.relais.core.routing.RelayAgent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sends the emails of one submission: an alert to each responsible relay agent (MRC, else region,
 * else program inbox), and for a sign-up a confirmation to the citizen. Each email is claimed in
 * the ledger before it is sent and confirmed after, so none goes out twice.
 *
 * <p>The crash window: if the process dies after the provider accepted an email and before the
 * ledger confirms it, the claim goes stale and a later delivery sends that one email again. Relais
 * chooses a rare duplicate over a lost alert: someone in distress may be behind it.
 */
public final class NotifyService {

  private static final StructuredLogger LOG = StructuredLogger.forComponent(NotifyService.class);

  private final SubmissionStore submissions;
  private final RecipientResolver recipients;
  private final EmailRenderer renderer;
  private final Mailer mailer;
  private final SentLedger ledger;
  private final Clock clock;
  private final Duration claimStaleAfter;

  public NotifyService(
      SubmissionStore submissions,
      RecipientResolver recipients,
      EmailRenderer renderer,
      Mailer mailer,
      SentLedger ledger,
      Clock clock,
      Duration claimStaleAfter) {
    this.submissions = submissions;
    this.recipients = recipients;
    this.renderer = renderer;
    this.mailer = mailer;
    this.ledger = ledger;
    this.clock = clock;
    this.claimStaleAfter = claimStaleAfter;
  }

  /** The outcome for one queue message. */
  public enum Outcome {
    /** Every email is sent (now or before). */
    DONE,
    /** Some email could not be sent: the message must come back later. */
    RETRY
  }

  public Outcome notify(String submissionId) {
    Optional<Submission> found = submissions.find(submissionId);
    if (found.isEmpty()) {
      LOG.error("notify.submission_missing", "id", submissionId);
      return Outcome.RETRY;
    }
    Submission submission = found.get();
    Recipients who = recipients.resolve(submission.content().territory());
    if (who.isFallback()) {
      LOG.warn(
          "notify.fallback",
          "id",
          submissionId,
          "mrc",
          submission.content().territory().mrcCode(),
          "level",
          who.level().name());
    }
    List<Keyed> emails = new ArrayList<>();
    for (RelayAgent agent : who.agents()) {
      EmailMessage alert =
          submission.content() instanceof Observation
              ? renderer.observationAlert(submission, who, agent)
              : renderer.signUpAlert(submission, who, agent);
      emails.add(new Keyed("alert", alert));
    }
    if (!(submission.content() instanceof Observation)) {
      emails.add(new Keyed("confirmation", renderer.signUpConfirmation(submission)));
    }
    Outcome outcome = Outcome.DONE;
    int sent = 0;
    for (Keyed email : emails) {
      String key = ledger.emailKey(email.kind(), email.message().to());
      SentLedger.Claim claim = ledger.claim(submissionId, key, clock.instant(), claimStaleAfter);
      if (claim == SentLedger.Claim.ALREADY_SENT) {
        continue;
      }
      if (claim == SentLedger.Claim.IN_FLIGHT) {
        outcome = Outcome.RETRY;
        continue;
      }
      try {
        String messageId =
            mailer.send(email.message().withTags(DeliveryTags.of(submissionId, key)));
        ledger.markSent(submissionId, key, messageId, clock.instant());
        sent++;
      } catch (Mailer.MailerException e) {
        ledger.release(submissionId, key);
        LOG.warn(
            "notify.send_failed",
            "id",
            submissionId,
            "kind",
            email.kind(),
            "reason",
            e.getMessage());
        outcome = Outcome.RETRY;
      }
    }
    LOG.info(
        "notify.done",
        "id",
        submissionId,
        "sent",
        sent,
        "emails",
        emails.size(),
        "outcome",
        outcome.name());
    return outcome;
  }

  private record Keyed(String kind, EmailMessage message) {}
}
