package ca.relais.core.followup;

import ca.relais.core.log.StructuredLogger;
import ca.relais.core.routing.RelayAgent;
import ca.relais.core.routing.RoutingDirectory;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * "Pris en charge": what the page of a take link shows ({@link #show}, for GET: never records
 * anything, since mail scanners and link previews fetch links), and the button that records who
 * took the report ({@link #take}, for POST). The first taking counts; later ones see it.
 */
public final class TakeService {

  private static final StructuredLogger LOG = StructuredLogger.forComponent(TakeService.class);

  private final TakeLinks links;
  private final FollowUps followUps;
  private final RoutingDirectory directory;
  private final Clock clock;

  public TakeService(
      TakeLinks links, FollowUps followUps, RoutingDirectory directory, Clock clock) {
    this.links = links;
    this.followUps = followUps;
    this.directory = directory;
    this.clock = clock;
  }

  /** What the page says. */
  public sealed interface Page {
    /** Not taken yet: the button. */
    record Open(String submissionId, String token) implements Page {}

    /** Taken by this click. */
    record Done(String submissionId, Taken taken) implements Page {}

    /** Taken before (by this agent or another). */
    record AlreadyTaken(String submissionId, Taken taken) implements Page {}

    /** The link's time ran out. */
    record Expired() implements Page {}

    /** Malformed, forged or altered link. */
    record Invalid() implements Page {}

    /** The report no longer exists (its retention ended). */
    record Missing() implements Page {}
  }

  /** The page for a GET: records nothing. */
  public Page show(String token) {
    TakeLinks.Verification v = links.verify(token, clock.instant());
    if (!(v instanceof TakeLinks.Verification.Valid valid)) {
      return refused(v);
    }
    Optional<FollowUp> followUp = followUps.find(valid.submissionId());
    if (followUp.isEmpty()) {
      return new Page.Missing();
    }
    return followUp
        .get()
        .taken()
        .<Page>map(t -> new Page.AlreadyTaken(valid.submissionId(), t))
        .orElseGet(() -> new Page.Open(valid.submissionId(), token.trim()));
  }

  /** The page for the button's POST: records the taking unless someone took it first. */
  public Page take(String token) {
    Instant now = clock.instant();
    TakeLinks.Verification v = links.verify(token, now);
    if (!(v instanceof TakeLinks.Verification.Valid valid)) {
      return refused(v);
    }
    Optional<RelayAgent> agent =
        directory.all().stream()
            .filter(a -> links.recipientKey(a.email()).equals(valid.recipientKey()))
            .findFirst();
    Taken mine =
        new Taken(
            agent.map(RelayAgent::name).orElse(""), agent.map(RelayAgent::email).orElse(""), now);
    Optional<FollowUps.Taking> counted = followUps.take(valid.submissionId(), mine);
    if (counted.isEmpty()) {
      return new Page.Missing();
    }
    LOG.info("take.recorded", "id", valid.submissionId(), "now", counted.get().now());
    return counted.get().now()
        ? new Page.Done(valid.submissionId(), counted.get().taken())
        : new Page.AlreadyTaken(valid.submissionId(), counted.get().taken());
  }

  private static Page refused(TakeLinks.Verification v) {
    if (v instanceof TakeLinks.Verification.Expired expired) {
      LOG.info("take.expired", "id", expired.submissionId());
      return new Page.Expired();
    }
    LOG.warn("take.invalid_link");
    return new Page.Invalid();
  }
}
