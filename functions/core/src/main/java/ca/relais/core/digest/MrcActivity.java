package ca.relais.core.digest;

import ca.relais.core.followup.EscalationLadder;
import ca.relais.core.model.Category;
import ca.relais.core.model.Observation;
import ca.relais.core.model.ReportToReview;
import ca.relais.core.model.SignUp;
import ca.relais.core.model.Submission;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What happened in one MRC during a digest week, and the counts of the four weeks before it.
 *
 * @param undelivered submissions of the week whose alert did not reach the agents: not sent
 *     (retrying, dead-letter queue), refused (bounced), or turned away for now (to check)
 */
public record MrcActivity(
    String mrcCode,
    String mrcName,
    DigestWeek week,
    List<Submission> thisWeek,
    List<WeekCounts> previousWeeks,
    List<UndeliveredAlert> undelivered) {

  /** A submission of the week whose alert did not reach the agents, and why. */
  public record UndeliveredAlert(Submission submission, Reason reason) {

    public enum Reason {
      /** No alert accepted by the email provider: still retrying, or in the dead-letter queue. */
      NOT_SENT,
      /** An alert was accepted, then bounced or was rejected for a recipient. */
      BOUNCED,
      /**
       * An alert was accepted, then a recipient's server turned it away for now (out of office,
       * mailbox full): perhaps read later, to check.
       */
      TEMPORARY
    }
  }

  /** The counts of one week, for the trend. */
  public record WeekCounts(
      DigestWeek week, int signUps, int concerns, int needs, int goodNews, int distress) {

    static WeekCounts of(DigestWeek week, List<Submission> submissions) {
      return new WeekCounts(
          week,
          count(submissions, s -> s.content() instanceof SignUp),
          count(submissions, category(Category.CONCERN)),
          count(submissions, category(Category.NEED)),
          count(submissions, category(Category.GOOD_NEWS)),
          // distress reports: observations, and deliveries kept for review meant to be one whose
          // distress answer reads yes (they escalate alike)
          count(submissions, EscalationLadder::distress));
    }

    public int observations() {
      return concerns + needs + goodNews;
    }
  }

  /** Splits five weeks of submissions into this week and the four counts before it. */
  static MrcActivity of(
      String mrcCode,
      String mrcName,
      DigestWeek week,
      List<Submission> fiveWeeks,
      List<UndeliveredAlert> undelivered) {
    List<WeekCounts> previous = new ArrayList<>();
    for (int i = 4; i >= 1; i--) {
      DigestWeek earlier = week.minusWeeks(i);
      previous.add(
          WeekCounts.of(
              earlier, fiveWeeks.stream().filter(s -> earlier.contains(s.receivedAt())).toList()));
    }
    return new MrcActivity(
        mrcCode,
        mrcName,
        week,
        fiveWeeks.stream().filter(s -> week.contains(s.receivedAt())).toList(),
        previous,
        undelivered);
  }

  public WeekCounts counts() {
    return WeekCounts.of(week, thisWeek);
  }

  public List<SignUp> signUps() {
    return thisWeek.stream()
        .filter(s -> s.content() instanceof SignUp)
        .map(s -> (SignUp) s.content())
        .toList();
  }

  public List<Submission> observations() {
    return thisWeek.stream().filter(s -> s.content() instanceof Observation).toList();
  }

  /**
   * The week's external form responses kept for review, and the corrections of earlier responses:
   * listed apart, so that none is overlooked.
   */
  public List<Submission> toReview() {
    return thisWeek.stream()
        .filter(s -> s.content() instanceof ReportToReview || s.notes().correctionOf().isPresent())
        .toList();
  }

  public boolean quiet() {
    return thisWeek.isEmpty();
  }

  private static Predicate<Submission> category(Category category) {
    return s -> s.content() instanceof Observation o && o.category() == category;
  }

  private static int count(List<Submission> submissions, Predicate<Submission> test) {
    return (int) submissions.stream().filter(test).count();
  }
}
