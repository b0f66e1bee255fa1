package ca.relais.core.followup;

import ca.relais.core.log.StructuredLogger;
import ca.relais.core.model.ReportToReview;
import ca.relais.core.model.Submission;
import ca.relais.core.notify.AlertExtras;
import ca.relais.core.notify.DeliveryTags;
import ca.relais.core.notify.EmailMessage;
import ca.relais.core.notify.EmailRenderer;
import ca.relais.core.notify.Mailer;
import ca.relais.core.notify.SentLedger;
import ca.relais.core.port.SubmissionStore;
import ca.relais.core.routing.Recipients;
import ca.relais.core.routing.RelayAgent;
import ca.relais.core.routing.Scope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * One pass of the escalation schedule: every untaken observation whose delay ran out is sent,
 * marked as an escalation, to the next level of its {@link EscalationLadder}, with the rounds
 * alerted before it. Each level is claimed per recipient in the sent ledger (kind {@code
 * escalation-{level}}), so a crashed or overlapping run never sends a level twice; the follow-up
 * advances only after every email of the level went out.
 */
public final class EscalationService {

  private static final StructuredLogger LOG =
      StructuredLogger.forComponent(EscalationService.class);

  /** How many due reports one run handles at most; the next run takes the rest. */
  static final int BATCH = 200;

  private final FollowUps followUps;
  private final SubmissionStore submissions;
  private final EscalationLadder ladder;
  private final EmailRenderer renderer;
  private final Mailer mailer;
  private final SentLedger ledger;
  private final TakeLinks takeLinks;
  private final EscalationDelays delays;
  private final Clock clock;

  public EscalationService(
      FollowUps followUps,
      SubmissionStore submissions,
      EscalationLadder ladder,
      EmailRenderer renderer,
      Mailer mailer,
      SentLedger ledger,
      TakeLinks takeLinks,
      EscalationDelays delays,
      Clock clock) {
    this.followUps = followUps;
    this.submissions = submissions;
    this.ladder = ladder;
    this.renderer = renderer;
    this.mailer = mailer;
    this.ledger = ledger;
    this.takeLinks = takeLinks;
    this.delays = delays;
    this.clock = clock;
  }

  /**
   * What a run did.
   *
   * @param escalated reports sent to their next level
   * @param closed reports that left the open index (taken, gone, or at the end of their ladder)
   * @param failed reports that stay due (an email failed): the next run tries again
   */
  public record Result(int escalated, int closed, int failed) {}

  public Result run() {
    Instant now = clock.instant();
    int escalated = 0;
    int closed = 0;
    int failed = 0;
    for (String id : followUps.due(now, BATCH)) {
      try {
        switch (escalate(id)) {
          case ESCALATED -> escalated++;
          case CLOSED -> closed++;
          case FAILED -> failed++;
          case SKIPPED -> {}
        }
      } catch (RuntimeException e) {
        LOG.error("escalation.failed", e, "id", id);
        failed++;
      }
    }
    LOG.info("escalation.done", "escalated", escalated, "closed", closed, "failed", failed);
    return new Result(escalated, closed, failed);
  }

  private enum Outcome {
    ESCALATED,
    CLOSED,
    FAILED,
    SKIPPED
  }

  private Outcome escalate(String id) {
    Optional<FollowUp> found = followUps.find(id);
    Optional<Submission> submission = submissions.find(id);
    if (found.isEmpty() || submission.isEmpty() || found.get().lastRound().isEmpty()) {
      followUps.close(id);
      return Outcome.CLOSED;
    }
    FollowUp followUp = found.get();
    if (followUp.taken().isPresent()) {
      followUps.close(id);
      return Outcome.CLOSED;
    }
    AlertRound last = followUp.lastRound().get();
    Optional<EscalationLadder.Step> next = ladder.next(submission.get(), last.level());
    if (next.isEmpty()) {
      followUps.close(id);
      LOG.info("escalation.ladder_end", "id", id, "level", last.level().name());
      return Outcome.CLOSED;
    }
    EscalationLadder.Step step = next.get();
    Recipients recipients = new Recipients(step.agents(), scopeKind(step.level()));
    String kind = "escalation-" + step.level().name().toLowerCase(Locale.ROOT);
    boolean complete = true;
    for (RelayAgent agent : step.agents()) {
      String key = ledger.emailKey(kind, agent.email());
      SentLedger.Claim claim = ledger.claim(id, key, clock.instant(), Duration.ofMinutes(1));
      if (claim == SentLedger.Claim.ALREADY_SENT) {
        continue;
      }
      if (claim == SentLedger.Claim.IN_FLIGHT) {
        complete = false;
        continue;
      }
      try {
        AlertExtras extras =
            new AlertExtras(
                Optional.of(takeLinks.urlFor(id, agent.email(), clock.instant())),
                followUp.rounds());
        EmailMessage email =
            submission.get().content() instanceof ReportToReview
                ? renderer.reviewAlert(submission.get(), recipients, agent, extras)
                : renderer.observationAlert(submission.get(), recipients, agent, extras);
        ledger.markSent(
            id, key, mailer.send(email.withTags(DeliveryTags.of(id, key))), clock.instant());
      } catch (Mailer.MailerException | RuntimeException e) {
        ledger.release(id, key);
        LOG.warn("escalation.send_failed", "id", id, "level", step.level().name());
        complete = false;
      }
    }
    if (!complete) {
      return Outcome.FAILED;
    }
    Instant sentAt = clock.instant();
    Optional<Instant> nextDue =
        ladder.next(submission.get(), step.level()).isPresent()
            ? Optional.of(sentAt.plus(delays.after(submission.get())))
            : Optional.empty();
    boolean recorded =
        followUps.escalate(
            id,
            last.level(),
            new AlertRound(
                step.level(), step.agents().stream().map(RelayAgent::email).toList(), sentAt),
            nextDue);
    LOG.info(
        "escalation.sent",
        "id",
        id,
        "from",
        last.level().name(),
        "to",
        step.level().name(),
        "recorded",
        recorded);
    return recorded ? Outcome.ESCALATED : Outcome.SKIPPED;
  }

  private static Scope.Kind scopeKind(AlertRound.Level level) {
    return switch (level) {
      case MRC_PRIMARY, MRC, MRC_BACKUP -> Scope.Kind.MRC;
      case REGION -> Scope.Kind.REGION;
      case PROGRAM -> Scope.Kind.PROGRAM;
    };
  }
}
