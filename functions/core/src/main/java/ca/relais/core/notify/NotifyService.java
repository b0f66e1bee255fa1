package ca.relais.core.notify;

import ca.relais.core.followup.AlertRound;
import ca.relais.core.followup.EscalationDelays;
import ca.relais.core.followup.EscalationLadder;
import ca.relais.core.followup.FollowUps;
import ca.relais.core.followup.TakeLinks;
import ca.relais.core.log.StructuredLogger;
import ca.relais.core.model.Observation;
import ca.relais.core.model.ReportToReview;
import ca.relais.core.model.SignUp;
import ca.relais.core.model.Submission;
import ca.relais.core.port.SubmissionStore;
import ca.relais.core.routing.RecipientResolver;
import ca.relais.core.routing.Recipients;
import ca.relais.core.routing.RelayAgent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 *
 * <p>A citizen's address gets at most one sign-up confirmation per {@link #CONFIRMATION_WINDOW} (24
 * hours), however many sign-ups name it; the agents are alerted for each sign-up.
 */
public final class NotifyService {

  private static final StructuredLogger LOG = StructuredLogger.forComponent(NotifyService.class);

  /** An address gets at most one sign-up confirmation in this window. */
  public static final Duration CONFIRMATION_WINDOW = Duration.ofHours(24);

  private static final String CONFIRMATION = "confirmation";

  /** The ledger's reason for an email the provider refused at sending: {@code Refused/ses …}. */
  public static final String REFUSED = "Refused/";

  private final SubmissionStore submissions;
  private final RecipientResolver recipients;
  private final EmailRenderer renderer;
  private final Mailer mailer;
  private final SentLedger ledger;
  private final Clock clock;
  private final Duration claimStaleAfter;
  private final TakeLinks takeLinks;
  private final FollowUps followUps;
  private final EscalationDelays delays;

  /**
   * @param takeLinks signs each agent's "pris en charge" link
   * @param followUps where the first round of alerts and the first escalation time are recorded
   * @param delays when an untaken observation escalates
   */
  public NotifyService(
      SubmissionStore submissions,
      RecipientResolver recipients,
      EmailRenderer renderer,
      Mailer mailer,
      SentLedger ledger,
      Clock clock,
      Duration claimStaleAfter,
      TakeLinks takeLinks,
      FollowUps followUps,
      EscalationDelays delays) {
    this.takeLinks = takeLinks;
    this.followUps = followUps;
    this.delays = delays;
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
    /**
     * Every email is sent (now or before), or recorded as refused for good by the provider (a
     * recipient it will not take): nothing more to do.
     */
    DONE,
    /**
     * Some email could not be sent now (throttled, provider down, or being sent by another worker):
     * the message must come back later.
     */
    RETRY,
    /**
     * The mail provider did not answer a send in time: the message must come back later, and the
     * caller should send nothing more for now. While the provider is that slow, each attempt may be
     * an email it accepts without answering in time, which the retry sends again; the fewer
     * attempts, the fewer duplicates.
     */
    MAILER_UNRESPONSIVE,
    /**
     * The message can never succeed: its submission no longer exists (erased, expired, or never
     * stored). The caller sets the message aside at once, so its MRC's later alerts go on.
     */
    SUBMISSION_GONE
  }

  public Outcome notify(String submissionId) {
    Optional<Submission> found = submissions.find(submissionId);
    if (found.isEmpty()) {
      LOG.error("notify.submission_missing", "id", submissionId);
      return Outcome.SUBMISSION_GONE;
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
          "routedTo",
          who.level().name());
    }
    List<Keyed> emails = new ArrayList<>();
    // a distress observation goes to the MRC's primaries first; its backups are the first
    // escalation
    EscalationLadder.Step first = EscalationLadder.first(submission, who);
    for (RelayAgent agent : first.agents()) {
      EmailMessage alert;
      if (submission.content() instanceof ReportToReview) {
        // a report that escalates can be taken, like an observation
        alert =
            EscalationLadder.escalates(submission)
                ? renderer.reviewAlert(
                    submission,
                    who,
                    agent,
                    AlertExtras.firstAlert(
                        takeLinks.urlFor(submissionId, agent.email(), clock.instant())))
                : renderer.reviewAlert(submission, who, agent);
      } else {
        AlertExtras extras =
            AlertExtras.firstAlert(takeLinks.urlFor(submissionId, agent.email(), clock.instant()));
        alert =
            submission.content() instanceof Observation
                ? renderer.observationAlert(submission, who, agent, extras)
                : renderer.signUpAlert(submission, who, agent, extras);
      }
      emails.add(new Keyed("alert", alert));
    }
    if (submission.content() instanceof SignUp) {
      emails.add(new Keyed(CONFIRMATION, renderer.signUpConfirmation(submission)));
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
      if (email.kind().equals(CONFIRMATION)
          && !ledger.holdRecipientWindow(
              CONFIRMATION,
              SentLedger.recipientKeyOf(key),
              submissionId,
              clock.instant(),
              CONFIRMATION_WINDOW)) {
        ledger.release(submissionId, key);
        LOG.info(
            "notify.confirmation_skipped", "id", submissionId, "reason", "recent_confirmation");
        continue;
      }
      try {
        String messageId =
            mailer.send(email.message().withTags(DeliveryTags.of(submissionId, key)));
        ledger.markSent(submissionId, key, messageId, clock.instant());
        sent++;
      } catch (Mailer.MailerException e) {
        if (e.refused()) {
          // final: a retry would be refused again, and the MRC's next alerts would wait for it
          ledger.markUndeliverable(submissionId, key, REFUSED + e.getMessage(), clock.instant());
          LOG.error(
              "notify.send_refused",
              "id",
              submissionId,
              "kind",
              email.kind(),
              "reason",
              e.getMessage());
          continue;
        }
        ledger.release(submissionId, key);
        LOG.warn(
            "notify.send_failed",
            "id",
            submissionId,
            "kind",
            email.kind(),
            "reason",
            e.getMessage(),
            "unanswered",
            e.unanswered());
        if (e.unanswered()) {
          outcome = Outcome.MAILER_UNRESPONSIVE;
          break; // the provider is not answering: the rest waits for the next receive
        }
        outcome = Outcome.RETRY;
      }
    }
    if (outcome == Outcome.DONE && EscalationLadder.escalates(submission)) {
      Instant now = clock.instant();
      followUps.open(
          submissionId,
          new AlertRound(
              first.level(), first.agents().stream().map(RelayAgent::email).toList(), now),
          Optional.of(now.plus(delays.after(submission))));
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
