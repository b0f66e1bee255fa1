package ca.relais.core.followup;

import ca.relais.core.model.Observation;
import ca.relais.core.model.ReportToReview;
import ca.relais.core.model.Submission;
import ca.relais.core.model.SubmissionType;
import ca.relais.core.model.Territory;
import ca.relais.core.routing.AgentRole;
import ca.relais.core.routing.Recipients;
import ca.relais.core.routing.RelayAgent;
import ca.relais.core.routing.RoutingDirectory;
import ca.relais.core.routing.Scope;
import java.util.List;
import java.util.Optional;

/**
 * Who is alerted first and who next when nobody takes a report.
 *
 * <p>A distress observation goes first to its MRC's primary agents when the MRC also has backups;
 * then, one level per escalation: the backups, the region's relay team, the program inbox (a level
 * without anyone is skipped). Other observations escalate once, to the region's team (or the
 * program inbox when the region has no team), and only from an MRC's own agents. Sign-ups never
 * escalate. A webhook delivery kept for review that was meant to be an observation ({@link
 * #escalates}) goes first to all its MRC's agents, then up the same ladder as an observation, a
 * distress answer read as yes making it a distress report: what Relais could not read whole must
 * not stay unread either.
 */
public final class EscalationLadder {

  private final RoutingDirectory directory;

  public EscalationLadder(RoutingDirectory directory) {
    this.directory = directory;
  }

  /** One round: a level and the agents of that level. */
  public record Step(AlertRound.Level level, List<RelayAgent> agents) {
    public Step {
      agents = List.copyOf(agents);
    }
  }

  /** The first round of alerts, from the responsible recipients. */
  public static Step first(Submission submission, Recipients who) {
    return switch (who.level()) {
      case MRC -> {
        List<RelayAgent> primaries =
            who.agents().stream().filter(a -> a.role() == AgentRole.PRIMARY).toList();
        boolean hasBackups = primaries.size() < who.agents().size();
        // a report kept for review goes to all its MRC's agents at once: more eyes on what could
        // not be read whole
        yield submission.content() instanceof Observation
                && distress(submission)
                && hasBackups
                && !primaries.isEmpty()
            ? new Step(AlertRound.Level.MRC_PRIMARY, primaries)
            : new Step(AlertRound.Level.MRC, who.agents());
      }
      case REGION -> new Step(AlertRound.Level.REGION, who.agents());
      case PROGRAM -> new Step(AlertRound.Level.PROGRAM, who.agents());
    };
  }

  /** The round after {@code last}; empty when the ladder ends there. */
  public Optional<Step> next(Submission submission, AlertRound.Level last) {
    if (!escalates(submission)) {
      return Optional.empty();
    }
    Territory territory = submission.content().territory();
    boolean distress = distress(submission);
    AlertRound.Level level = last;
    while (true) {
      Optional<AlertRound.Level> following = following(level, distress);
      if (following.isEmpty()) {
        return Optional.empty();
      }
      level = following.get();
      List<RelayAgent> agents = agentsOf(level, territory);
      if (!agents.isEmpty()) {
        return Optional.of(new Step(level, agents));
      }
      if (!distress && level == AlertRound.Level.REGION) {
        // a region without a team: its program inbox instead
        List<RelayAgent> program = agentsOf(AlertRound.Level.PROGRAM, territory);
        return program.isEmpty()
            ? Optional.empty()
            : Optional.of(new Step(AlertRound.Level.PROGRAM, program));
      }
    }
  }

  private static Optional<AlertRound.Level> following(AlertRound.Level level, boolean distress) {
    if (!distress) {
      return switch (level) {
        case MRC_PRIMARY, MRC, MRC_BACKUP -> Optional.of(AlertRound.Level.REGION);
        case REGION, PROGRAM -> Optional.empty();
      };
    }
    return switch (level) {
      case MRC_PRIMARY -> Optional.of(AlertRound.Level.MRC_BACKUP);
      case MRC, MRC_BACKUP -> Optional.of(AlertRound.Level.REGION);
      case REGION -> Optional.of(AlertRound.Level.PROGRAM);
      case PROGRAM -> Optional.empty();
    };
  }

  private List<RelayAgent> agentsOf(AlertRound.Level level, Territory territory) {
    return switch (level) {
      case MRC_PRIMARY ->
          directory.agentsOf(Scope.mrc(territory.mrcCode())).stream()
              .filter(a -> a.role() == AgentRole.PRIMARY)
              .toList();
      case MRC -> directory.agentsOf(Scope.mrc(territory.mrcCode()));
      case MRC_BACKUP ->
          directory.agentsOf(Scope.mrc(territory.mrcCode())).stream()
              .filter(a -> a.role() == AgentRole.BACKUP)
              .toList();
      case REGION -> directory.agentsOf(Scope.region(territory.regionCode()));
      case PROGRAM -> directory.agentsOf(Scope.program());
    };
  }

  /**
   * Whether nobody taking the submission escalates it: an observation, or a delivery kept for
   * review that was meant to be one (not a sign-up, not the notice of a sign-up without consent).
   */
  public static boolean escalates(Submission submission) {
    return submission.content() instanceof Observation
        || submission.content() instanceof ReportToReview review
            && review.reason() == ReportToReview.Reason.INCOMPLETE
            && review.intended() == SubmissionType.OBSERVATION;
  }

  /**
   * Whether the submission is an observation with signs of distress, or a delivery kept for review,
   * meant to be one, whose distress answer reads as yes.
   */
  public static boolean distress(Submission submission) {
    return submission.content() instanceof Observation o
        ? o.distress()
        : escalates(submission) && ((ReportToReview) submission.content()).distress();
  }
}
