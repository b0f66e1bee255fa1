package ca.relais.core.digest;

import ca.relais.core.log.StructuredLogger;
import ca.relais.core.model.Submission;
import ca.relais.core.notify.EmailMessage;
import ca.relais.core.notify.Mailer;
import ca.relais.core.notify.SentLedger;
import ca.relais.core.routing.RelayAgent;
import ca.relais.core.routing.RoutingDirectory;
import ca.relais.core.routing.Scope;
import ca.relais.core.territory.Mrc;
import ca.relais.core.territory.Region;
import ca.relais.core.territory.TerritoryDirectory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The Monday digest of one week: each MRC's agents get their MRC's week; each region's relay team
 * gets a roll-up of its MRCs. Sends are recorded per week, scope and recipient, so running it again
 * sends nothing twice. A failure for one scope does not stop the others; the run then reports it so
 * that the scheduler retries, and the retry sends only what is missing.
 */
public final class DigestService {

  private static final StructuredLogger LOG = StructuredLogger.forComponent(DigestService.class);

  private final SubmissionHistory history;
  private final RoutingDirectory directory;
  private final TerritoryDirectory territory;
  private final DigestRenderer renderer;
  private final Mailer mailer;
  private final SentLedger ledger;
  private final Clock clock;

  public DigestService(
      SubmissionHistory history,
      RoutingDirectory directory,
      TerritoryDirectory territory,
      DigestRenderer renderer,
      Mailer mailer,
      SentLedger ledger,
      Clock clock) {
    this.history = history;
    this.directory = directory;
    this.territory = territory;
    this.renderer = renderer;
    this.mailer = mailer;
    this.ledger = ledger;
    this.clock = clock;
  }

  /** What a run did. */
  public record Result(DigestWeek week, int sent, int alreadySent, List<String> failedScopes) {
    public boolean complete() {
      return failedScopes.isEmpty();
    }
  }

  public Result run(DigestWeek week) {
    Map<String, MrcActivity> activities = new HashMap<>();
    Map<Scope, List<RelayAgent>> byScope = new LinkedHashMap<>();
    for (RelayAgent agent : directory.all()) {
      byScope.computeIfAbsent(agent.scope(), s -> new ArrayList<>()).add(agent);
    }
    int[] counts = new int[2];
    List<String> failed = new ArrayList<>();
    for (Map.Entry<Scope, List<RelayAgent>> entry : byScope.entrySet()) {
      Scope scope = entry.getKey();
      try {
        switch (scope.kind()) {
          case MRC -> {
            MrcActivity activity = activity(scope.code(), week, activities);
            send(
                week,
                scope,
                entry.getValue(),
                agent -> () -> renderer.mrcDigest(activity, agent),
                counts);
          }
          case REGION -> {
            Region region = territory.region(scope.code()).orElseThrow();
            List<MrcActivity> mrcs =
                territory.mrcs().stream()
                    .filter(m -> m.regionCode().equals(scope.code()))
                    .map(m -> activity(m.code(), week, activities))
                    .toList();
            send(
                week,
                scope,
                entry.getValue(),
                agent -> () -> renderer.regionDigest(week, region, mrcs, agent),
                counts);
          }
          case PROGRAM -> {
            // The program inbox gets alerts as the last fallback, not a weekly digest.
          }
        }
      } catch (RuntimeException e) {
        LOG.error("digest.scope_failed", e, "week", week.toString(), "scope", scope.toString());
        failed.add(scope.toString());
      }
    }
    LOG.info(
        "digest.done",
        "week",
        week.toString(),
        "sent",
        counts[0],
        "alreadySent",
        counts[1],
        "failedScopes",
        failed.size());
    return new Result(week, counts[0], counts[1], failed);
  }

  private MrcActivity activity(String mrcCode, DigestWeek week, Map<String, MrcActivity> cache) {
    return cache.computeIfAbsent(
        mrcCode,
        code -> {
          List<Submission> fiveWeeks = history.ofMrc(code, week.minusWeeks(4).start(), week.end());
          List<Submission> ofTheWeek =
              fiveWeeks.stream().filter(s -> week.contains(s.receivedAt())).toList();
          SentLedger.Deliveries alerts =
              ledger.deliveriesAmong(ofTheWeek.stream().map(Submission::id).toList(), "alert");
          List<MrcActivity.UndeliveredAlert> undelivered = new ArrayList<>();
          for (Submission s : ofTheWeek) {
            if (!alerts.sent().contains(s.id())) {
              undelivered.add(
                  new MrcActivity.UndeliveredAlert(
                      s, MrcActivity.UndeliveredAlert.Reason.NOT_SENT));
            } else if (alerts.undeliverable().contains(s.id())) {
              undelivered.add(
                  new MrcActivity.UndeliveredAlert(s, MrcActivity.UndeliveredAlert.Reason.BOUNCED));
            }
          }
          String name = territory.mrc(code).map(Mrc::name).orElse(code);
          return MrcActivity.of(code, name, week, fiveWeeks, undelivered);
        });
  }

  private void send(
      DigestWeek week,
      Scope scope,
      List<RelayAgent> agents,
      java.util.function.Function<RelayAgent, Supplier<EmailMessage>> render,
      int[] counts) {
    String ledgerId = "DIGEST#" + week + "#" + scope;
    RuntimeException failure = null;
    for (RelayAgent agent : agents) {
      String key = ledger.emailKey("digest", agent.email());
      SentLedger.Claim claim = ledger.claim(ledgerId, key, clock.instant(), Duration.ofMinutes(5));
      if (claim != SentLedger.Claim.CLAIMED) {
        counts[1]++;
        continue;
      }
      try {
        EmailMessage email = render.apply(agent).get();
        ledger.markSent(ledgerId, key, mailer.send(email), clock.instant());
        counts[0]++;
      } catch (Mailer.MailerException | RuntimeException e) {
        ledger.release(ledgerId, key);
        failure = new IllegalStateException("digest send failed for scope " + scope, e);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
