package ca.relais.core.digest;

import ca.relais.core.followup.FollowUps;
import ca.relais.core.followup.Taken;
import ca.relais.core.i18n.Messages;
import ca.relais.core.log.StructuredLogger;
import ca.relais.core.model.ReportToReview;
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
import ca.relais.core.territory.TestTerritory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The Monday digest of one week: each MRC's agents get their MRC's week; each region's relay team
 * gets a roll-up of its MRCs, with the reports of its MRCs without an agent listed; the program
 * inbox gets the reports of every MRC without an agent. Every item says whether and by whom it was
 * taken, untaken first. Sends are recorded per week, scope and recipient, so running it again sends
 * nothing twice. A failure for one scope does not stop the others; the run then reports it so that
 * the scheduler retries, and the retry sends only what is missing.
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
  private final FollowUps followUps;
  private final Executor reads;

  /**
   * A digest that reads the MRCs' weeks one after the other.
   *
   * @param followUps who took which report: every item of a digest says it
   */
  public DigestService(
      SubmissionHistory history,
      RoutingDirectory directory,
      TerritoryDirectory territory,
      DigestRenderer renderer,
      Mailer mailer,
      SentLedger ledger,
      Clock clock,
      FollowUps followUps) {
    this(history, directory, territory, renderer, mailer, ledger, clock, followUps, Runnable::run);
  }

  /**
   * @param followUps who took which report: every item of a digest says it
   * @param reads where the weeks of the MRCs (their submissions, deliveries and who took what) are
   *     read before any digest is rendered: a bounded pool reads several MRCs at once; {@code
   *     Runnable::run} reads them one after the other. Nothing is sent from it.
   */
  public DigestService(
      SubmissionHistory history,
      RoutingDirectory directory,
      TerritoryDirectory territory,
      DigestRenderer renderer,
      Mailer mailer,
      SentLedger ledger,
      Clock clock,
      FollowUps followUps,
      Executor reads) {
    this.reads = reads;
    this.followUps = followUps;
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

  /** The run of a week: every digest claimed in the ledger, each sent once. */
  public Result run(DigestWeek week) {
    return run(week, false);
  }

  /**
   * A week's digests. A preview sends them with a subject marked as such and claims nothing in the
   * ledger, so it works for any week, the current one included, and never uses up the Monday run.
   */
  public Result run(DigestWeek week, boolean preview) {
    Map<String, MrcActivity> activities = new ConcurrentHashMap<>();
    Map<Scope, List<RelayAgent>> byScope = new LinkedHashMap<>();
    for (RelayAgent agent : directory.all()) {
      if (TestTerritory.isScope(agent.scope())) {
        continue; // a smoke test's submissions appear in no digest
      }
      byScope.computeIfAbsent(agent.scope(), s -> new ArrayList<>()).add(agent);
    }
    int[] counts = new int[2];
    Map<String, Map<String, Taken>> taken = new ConcurrentHashMap<>();
    readAhead(week, byScope, activities, taken);
    List<String> failed = new ArrayList<>();
    for (Map.Entry<Scope, List<RelayAgent>> entry : byScope.entrySet()) {
      Scope scope = entry.getKey();
      try {
        switch (scope.kind()) {
          case MRC -> {
            MrcActivity activity = activity(scope.code(), week, activities, taken);
            send(
                week,
                scope,
                entry.getValue(),
                agent -> () -> renderer.mrcDigest(activity, agent, taken(activity, taken)),
                counts,
                preview);
          }
          case REGION -> {
            Region region = territory.region(scope.code()).orElseThrow();
            List<MrcActivity> mrcs =
                territory.mrcs().stream()
                    .filter(m -> m.regionCode().equals(scope.code()))
                    .map(m -> activity(m.code(), week, activities, taken))
                    .toList();
            // the reports of its MRCs without an agent reach the team only: listed, not counted
            List<MrcActivity> agentless =
                mrcs.stream().filter(m -> !byScope.containsKey(Scope.mrc(m.mrcCode()))).toList();
            Map<String, Taken> regionTaken = new HashMap<>();
            mrcs.forEach(m -> regionTaken.putAll(taken(m, taken)));
            send(
                week,
                scope,
                entry.getValue(),
                agent ->
                    () -> renderer.regionDigest(week, region, mrcs, agentless, agent, regionTaken),
                counts,
                preview);
          }
          case PROGRAM -> {
            // every territory without its own agent, each report listed; those of a region
            // without a team reached nobody else
            List<MrcActivity> agentless =
                new ArrayList<>(
                    territory.mrcs().stream()
                        .filter(m -> !byScope.containsKey(Scope.mrc(m.code())))
                        .map(m -> activity(m.code(), week, activities, taken))
                        .filter(m -> !m.quiet())
                        .toList());
            // webhook deliveries kept for review whose territory could not be read: they
            // reached the program inbox only
            MrcActivity unread =
                activity(ReportToReview.NO_TERRITORY_CODE, week, activities, taken);
            if (!unread.quiet()) {
              agentless.add(unread);
            }
            Map<String, Taken> programTaken = new HashMap<>();
            agentless.forEach(m -> programTaken.putAll(taken(m, taken)));
            Map<String, Boolean> regionHasTeam = new HashMap<>();
            agentless.forEach(
                m ->
                    regionHasTeam.put(
                        m.mrcCode(),
                        territory
                            .mrc(m.mrcCode())
                            .map(mrc -> byScope.containsKey(Scope.region(mrc.regionCode())))
                            .orElse(false)));
            send(
                week,
                scope,
                entry.getValue(),
                agent ->
                    () ->
                        renderer.programDigest(week, agentless, regionHasTeam, agent, programTaken),
                counts,
                preview);
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

  /**
   * Reads, on {@link #reads}, the week of every MRC that a digest of this run shows (each once), so
   * that the scopes below find them read. An MRC whose reading failed is left out: its scope reads
   * it again, and fails alone, as without the read-ahead.
   */
  private void readAhead(
      DigestWeek week,
      Map<Scope, List<RelayAgent>> byScope,
      Map<String, MrcActivity> activities,
      Map<String, Map<String, Taken>> taken) {
    Set<String> codes = new java.util.LinkedHashSet<>();
    for (Scope scope : byScope.keySet()) {
      switch (scope.kind()) {
        case MRC -> codes.add(scope.code());
        case REGION ->
            territory.mrcs().stream()
                .filter(m -> m.regionCode().equals(scope.code()))
                .forEach(m -> codes.add(m.code()));
        case PROGRAM -> {
          territory.mrcs().stream()
              .filter(m -> !byScope.containsKey(Scope.mrc(m.code())))
              .forEach(m -> codes.add(m.code()));
          codes.add(ReportToReview.NO_TERRITORY_CODE);
        }
      }
    }
    long started = System.nanoTime();
    List<CompletableFuture<Void>> all = new ArrayList<>();
    for (String code : codes) {
      all.add(
          CompletableFuture.runAsync(
              () -> {
                try {
                  activities.put(code, readActivity(code, week, taken));
                } catch (RuntimeException e) {
                  // left to the scope that shows it: it reads it again and reports its failure
                }
              },
              reads));
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
    LOG.info(
        "digest.read",
        "week",
        week.toString(),
        "mrcs",
        codes.size(),
        "ms",
        (System.nanoTime() - started) / 1_000_000);
  }

  /** Who took which report of the MRC's week, read once per run. */
  private Map<String, Taken> taken(MrcActivity activity, Map<String, Map<String, Taken>> cache) {
    return cache.computeIfAbsent(activity.mrcCode(), code -> readTaken(activity));
  }

  private Map<String, Taken> readTaken(MrcActivity activity) {
    return followUps.takenAmong(activity.thisWeek().stream().map(Submission::id).toList());
  }

  private MrcActivity activity(
      String mrcCode,
      DigestWeek week,
      Map<String, MrcActivity> cache,
      Map<String, Map<String, Taken>> taken) {
    return cache.computeIfAbsent(mrcCode, code -> readActivity(code, week, taken));
  }

  /**
   * The MRC's five weeks and the deliveries of its week; who took which report of its week goes
   * into {@code taken} (from the same read when the history tells it, else from the follow-ups).
   */
  private MrcActivity readActivity(
      String code, DigestWeek week, Map<String, Map<String, Taken>> taken) {
    SubmissionHistory.Read read =
        history.ofMrcWithTaken(code, week.minusWeeks(4).start(), week.end());
    List<Submission> fiveWeeks = read.submissions();
    List<Submission> ofTheWeek =
        fiveWeeks.stream().filter(s -> week.contains(s.receivedAt())).toList();
    SentLedger.Deliveries alerts =
        ledger.deliveriesAmong(ofTheWeek.stream().map(Submission::id).toList(), "alert");
    List<MrcActivity.UndeliveredAlert> undelivered = new ArrayList<>();
    for (Submission s : ofTheWeek) {
      if (!alerts.sent().contains(s.id())) {
        undelivered.add(
            new MrcActivity.UndeliveredAlert(s, MrcActivity.UndeliveredAlert.Reason.NOT_SENT));
      } else if (alerts.undeliverable().contains(s.id())) {
        undelivered.add(
            new MrcActivity.UndeliveredAlert(s, MrcActivity.UndeliveredAlert.Reason.BOUNCED));
      } else if (alerts.temporarilyUndelivered().contains(s.id())) {
        undelivered.add(
            new MrcActivity.UndeliveredAlert(s, MrcActivity.UndeliveredAlert.Reason.TEMPORARY));
      }
    }
    String name = territory.mrc(code).map(Mrc::name).orElse(code);
    MrcActivity activity = MrcActivity.of(code, name, week, fiveWeeks, undelivered);
    Map<String, Taken> weekTaken = new HashMap<>();
    if (read.taken().isPresent()) {
      for (Submission s : activity.thisWeek()) {
        Taken t = read.taken().get().get(s.id());
        if (t != null) {
          weekTaken.put(s.id(), t);
        }
      }
    } else {
      weekTaken.putAll(readTaken(activity));
    }
    taken.put(code, weekTaken);
    return activity;
  }

  private void send(
      DigestWeek week,
      Scope scope,
      List<RelayAgent> agents,
      java.util.function.Function<RelayAgent, Supplier<EmailMessage>> render,
      int[] counts,
      boolean preview) {
    String ledgerId = "DIGEST#" + week + "#" + scope;
    RuntimeException failure = null;
    for (RelayAgent agent : agents) {
      if (preview) {
        try {
          EmailMessage email = render.apply(agent).get();
          mailer.send(
              new EmailMessage(
                  email.to(),
                  Messages.of(agent.language()).format("digest.subject.preview_prefix")
                      + " "
                      + email.subject(),
                  email.html(),
                  email.text()));
          counts[0]++;
        } catch (Mailer.MailerException | RuntimeException e) {
          failure = new IllegalStateException("digest preview failed for scope " + scope, e);
        }
        continue;
      }
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
