package ca.relais.core.digest;

import ca.relais.core.followup.EscalationLadder;
import ca.relais.core.followup.Taken;
import ca.relais.core.i18n.Messages;
import ca.relais.core.model.Category;
import ca.relais.core.model.FieldFlows;
import ca.relais.core.model.Flow;
import ca.relais.core.model.Language;
import ca.relais.core.model.Observation;
import ca.relais.core.model.ReportToReview;
import ca.relais.core.model.Role;
import ca.relais.core.model.SignUp;
import ca.relais.core.model.Submission;
import ca.relais.core.model.SubmissionContent;
import ca.relais.core.model.SubmissionType;
import ca.relais.core.model.Territory;
import ca.relais.core.notify.EmailMessage;
import ca.relais.core.notify.EmailTemplates;
import ca.relais.core.notify.ShownValues;
import ca.relais.core.routing.RelayAgent;
import ca.relais.core.territory.Region;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Renders the weekly digests from the {@code digest-mrc}, {@code digest-region} and {@code
 * digest-program} templates. Every report item says whether and by whom it was taken; untaken items
 * come first; each observation carries the éclaireur's contact.
 */
public final class DigestRenderer {

  static final int EXCERPT = 280;

  private final EmailTemplates templates = new EmailTemplates();
  private final FieldFlows flows;

  /** A renderer that shows what the schema's flows allow. */
  public DigestRenderer() {
    this(FieldFlows.declared());
  }

  /**
   * A renderer that shows an attribute of a report only where these flows allow it: {@link
   * Flow#MRC_DIGEST} in a report listed one by one (an MRC's digest, and the reports of MRCs
   * without an agent in the region's and the program's), {@link Flow#REGION_DIGEST} in the region's
   * references to distress reports.
   */
  public DigestRenderer(FieldFlows flows) {
    this.flows = flows;
  }

  /**
   * One MRC's week for one of its agents.
   *
   * @param taken who took which report of the week (absent: not taken)
   */
  public EmailMessage mrcDigest(MrcActivity activity, RelayAgent agent, Map<String, Taken> taken) {
    Language lang = agent.language();
    Messages text = Messages.of(lang);
    Map<String, Object> model = common(activity.week(), lang);
    model.put("mrcName", activity.mrcName());
    model.put("mrcCode", activity.mrcCode());
    model.put("quiet", activity.quiet());
    List<SignUp> signUps = activity.signUps();
    model.put("signUpCount", signUps.size());
    List<Map<String, Object>> roleCounts = new ArrayList<>();
    // counted by role only where the roles may be shown
    for (Role role : flows.allows("roles", Flow.MRC_DIGEST) ? Role.values() : new Role[0]) {
      long n = signUps.stream().filter(s -> s.roles().contains(role)).count();
      if (n > 0) {
        roleCounts.add(Map.of("label", text.format("role." + role.code()), "count", n));
      }
    }
    model.put("roleCounts", roleCounts);
    model.put(
        "signUps",
        untakenFirst(
                activity.thisWeek().stream().filter(s -> s.content() instanceof SignUp).toList(),
                taken)
            .stream()
            .map(s -> signUpItem(s, lang, taken))
            .toList());
    model.put("hasSignUps", !signUps.isEmpty());
    List<Submission> observations = activity.observations();
    model.put("observationCount", observations.size());
    // distress first: observations, and deliveries kept for review whose distress answer reads yes
    // (also listed with the reviews below); the trend line's distress count is of both
    List<Submission> distress =
        untakenFirst(
            activity.thisWeek().stream().filter(EscalationLadder::distress).toList(), taken);
    model.put(
        "distress",
        distress.stream()
            .map(
                s ->
                    s.content() instanceof ReportToReview
                        ? reviewItem(s, lang, taken)
                        : item(s, lang, taken))
            .toList());
    model.put("hasDistress", !distress.isEmpty());
    List<Map<String, Object>> sections = new ArrayList<>();
    for (Category category : Category.values()) {
      List<Map<String, Object>> items =
          untakenFirst(
                  observations.stream()
                      .filter(
                          o ->
                              !EscalationLadder.distress(o)
                                  && ((Observation) o.content()).category() == category)
                      .toList(),
                  taken)
              .stream()
              .map(o -> item(o, lang, taken))
              .toList();
      long total =
          observations.stream()
              .filter(o -> ((Observation) o.content()).category() == category)
              .count();
      if (items.isEmpty()) {
        continue; // its reports are all in the distress list above: no empty heading
      }
      long inDistress = total - items.size();
      sections.add(
          Map.of(
              "label",
              text.format("category." + category.code()),
              "count",
              total,
              "distressNote",
              inDistress == 0
                  ? ""
                  : text.format("digest.section.distress_above", String.valueOf(inDistress)),
              "items",
              items));
    }
    model.put("sections", sections);
    // a heading never stands empty: say why nothing is under it
    model.put(
        "observationsNote",
        observations.isEmpty()
            ? text.format("digest.none")
            : sections.isEmpty() ? text.format("digest.all_in_distress_above") : "");
    model.put("signUpsNote", signUps.isEmpty() ? text.format("digest.none") : "");
    List<Map<String, Object>> untaken =
        untakenFirst(activity.thisWeek(), taken).stream()
            .filter(s -> !taken.containsKey(s.id()))
            // a sign-up kept for review has no take link: nobody can take it
            .filter(s -> takeable(s, shown(s, Flow.MRC_DIGEST, lang)))
            .map(s -> waiting(s, activity.week(), lang))
            .toList();
    model.put("untaken", untaken);
    model.put("hasUntaken", !untaken.isEmpty());
    List<Map<String, Object>> trend = new ArrayList<>();
    activity.previousWeeks().forEach(w -> trend.add(counts(w)));
    trend.add(counts(activity.counts()));
    model.put("trend", trend);
    model.put(
        "undelivered",
        activity.undelivered().stream()
            .map(
                u ->
                    Map.of(
                        "id", shown(u.submission(), Flow.MRC_DIGEST, lang).text("id"),
                        "kind", text.format(kindKey(u.submission())),
                        "receivedAt",
                            shown(u.submission(), Flow.MRC_DIGEST, lang).text("receivedAt"),
                        "reason",
                            text.format(
                                switch (u.reason()) {
                                  case BOUNCED -> "digest.undelivered.bounced";
                                  case TEMPORARY -> "digest.undelivered.temporary";
                                  case NOT_SENT -> "digest.undelivered.not_sent";
                                })))
            .toList());
    model.put("hasUndelivered", !activity.undelivered().isEmpty());
    // a correction is listed for what it is only where the schema lets the correction show
    List<Submission> toReview =
        activity.toReview().stream()
            .filter(
                s ->
                    s.content() instanceof ReportToReview
                        || shown(s, Flow.MRC_DIGEST, lang).shown("correctionOf"))
            .toList();
    model.put(
        "reviews",
        toReview.stream()
            .map(
                s -> {
                  ShownValues v = shown(s, Flow.MRC_DIGEST, lang);
                  Map<String, Object> item = new HashMap<>();
                  item.put("id", v.text("id"));
                  item.put("kind", text.format(kindKey(s)));
                  item.put("receivedAt", v.text("receivedAt"));
                  item.put("urgent", v.flag("distress"));
                  item.put("correctionOf", v.text("correctionOf"));
                  boolean takeable = takeable(s, v);
                  item.put("takeable", takeable);
                  if (takeable) {
                    status(item, s, lang, taken);
                  }
                  return item;
                })
            .toList());
    model.put("hasReviews", !toReview.isEmpty());
    String subject =
        text.format("digest.subject.mrc", activity.week().toString(), activity.mrcName());
    return templates.render("digest-mrc", lang, agent.email(), subject, model);
  }

  /**
   * A region's roll-up for its relay team: counts per MRC, the distress reports of the region, and
   * every report of its MRCs without an agent (they reached this team only), listed.
   */
  public EmailMessage regionDigest(
      DigestWeek week,
      Region region,
      List<MrcActivity> mrcs,
      List<MrcActivity> agentless,
      RelayAgent agent,
      Map<String, Taken> taken) {
    Language lang = agent.language();
    Messages text = Messages.of(lang);
    Map<String, Object> model = common(week, lang);
    model.put("regionName", region.name());
    List<Map<String, Object>> rows = new ArrayList<>();
    int[] totals = new int[5];
    List<Map<String, Object>> distress = new ArrayList<>();
    for (MrcActivity mrc : mrcs) {
      MrcActivity.WeekCounts c = mrc.counts();
      Map<String, Object> row = counts(c);
      row.put("mrcName", mrc.mrcName());
      rows.add(row);
      totals[0] += c.signUps();
      totals[1] += c.concerns();
      totals[2] += c.needs();
      totals[3] += c.goodNews();
      totals[4] += c.distress();
      // a delivery kept for review whose distress answer reads yes escalates to this team too
      untakenFirst(mrc.thisWeek().stream().filter(EscalationLadder::distress).toList(), taken)
          .forEach(
              o -> {
                // a reference, not the report: no description, place or name leaves the MRC
                Map<String, Object> item = reference(o, lang, taken);
                item.put("mrcName", mrc.mrcName());
                distress.add(item);
              });
    }
    model.put("rows", rows);
    model.put(
        "totals",
        Map.of(
            "signUps",
            totals[0],
            "concerns",
            totals[1],
            "needs",
            totals[2],
            "goodNews",
            totals[3],
            "distress",
            totals[4]));
    model.put("distress", distress);
    model.put("hasDistress", !distress.isEmpty());
    List<Map<String, Object>> listed = territories(agentless, lang, taken, Map.of());
    model.put("agentless", listed);
    model.put("hasAgentless", !listed.isEmpty());
    String subject = text.format("digest.subject.region", week.toString(), region.name());
    return templates.render("digest-region", lang, agent.email(), subject, model);
  }

  private static String kindKey(Submission s) {
    if (s.content() instanceof ReportToReview) {
      return "digest.kind.review";
    }
    return s.content() instanceof SignUp ? "digest.kind.signup" : "digest.kind.observation";
  }

  /**
   * The program inbox's week: every report of the MRCs without an agent, by MRC, each listed with
   * whether and by whom it was taken.
   *
   * @param regionHasTeam by MRC code: whether its region's team got its alerts (else only the
   *     program inbox did)
   */
  public EmailMessage programDigest(
      DigestWeek week,
      List<MrcActivity> agentless,
      Map<String, Boolean> regionHasTeam,
      RelayAgent agent,
      Map<String, Taken> taken) {
    Language lang = agent.language();
    Messages text = Messages.of(lang);
    Map<String, Object> model = common(week, lang);
    List<Map<String, Object>> listed = territories(agentless, lang, taken, regionHasTeam);
    model.put("territories", listed);
    model.put("quiet", listed.isEmpty());
    model.put("reportCount", agentless.stream().mapToInt(m -> m.thisWeek().size()).sum());
    String subject = text.format("digest.subject.program", week.toString());
    return templates.render("digest-program", lang, agent.email(), subject, model);
  }

  /** MRCs with their reports of the week listed, untaken first; MRCs without any are left out. */
  private List<Map<String, Object>> territories(
      List<MrcActivity> mrcs,
      Language lang,
      Map<String, Taken> taken,
      Map<String, Boolean> regionHasTeam) {
    Messages text = Messages.of(lang);
    List<Map<String, Object>> out = new ArrayList<>();
    for (MrcActivity mrc : mrcs) {
      if (mrc.quiet()) {
        continue;
      }
      List<Map<String, Object>> items = new ArrayList<>();
      for (Submission s : untakenFirst(distressFirst(mrc.thisWeek()), taken)) {
        items.add(
            s.content() instanceof SignUp
                ? signUpItem(s, lang, taken)
                : s.content() instanceof ReportToReview
                    ? reviewItem(s, lang, taken)
                    : item(s, lang, taken));
      }
      Map<String, Object> territory = new HashMap<>();
      boolean unread = mrc.mrcCode().equals(ReportToReview.NO_TERRITORY_CODE);
      territory.put("unread", unread);
      territory.put("mrcName", unread ? text.format("digest.unread_territory") : mrc.mrcName());
      territory.put(
          "regionName",
          unread ? "" : shown(mrc.thisWeek().get(0), Flow.MRC_DIGEST, lang).text("regionName"));
      territory.put(
          "routeNote",
          // an unread territory has no region: its heading says where it went and why
          !unread && regionHasTeam.containsKey(mrc.mrcCode())
              ? text.format(
                  regionHasTeam.get(mrc.mrcCode())
                      ? "digest.route.region_team"
                      : "digest.route.program_only")
              : "");
      territory.put("items", items);
      out.add(territory);
    }
    return out;
  }

  private static Map<String, Object> common(DigestWeek week, Language lang) {
    Map<String, Object> model = new HashMap<>();
    model.put("week", week.toString());
    model.put(
        "period",
        Messages.of(lang)
            .format(
                "digest.period",
                date(lang).format(week.monday()),
                date(lang).format(week.sunday())));
    return model;
  }

  private static Map<String, Object> counts(MrcActivity.WeekCounts c) {
    Map<String, Object> row = new HashMap<>();
    row.put("week", c.week().toString());
    row.put("signUps", c.signUps());
    row.put("concerns", c.concerns());
    row.put("needs", c.needs());
    row.put("goodNews", c.goodNews());
    row.put("observations", c.observations());
    row.put("distress", c.distress());
    return row;
  }

  private Map<String, Object> item(Submission s, Language lang, Map<String, Taken> taken) {
    ShownValues v = shown(s, Flow.MRC_DIGEST, lang);
    Map<String, Object> item = new HashMap<>();
    item.put("id", v.text("id"));
    item.put("signUp", false);
    item.put("urgent", v.flag("distress"));
    String name = v.text("reporterName");
    String address = v.text("reporterEmail");
    item.put(
        "reporter",
        name.isEmpty() || address.isEmpty() ? name + address : name + " <" + address + ">");
    status(item, s, lang, taken);
    item.put("category", v.text("category"));
    item.put(
        "date",
        v.shown("observedOn") && !v.text("observedOn").isEmpty()
            ? v.text("observedOn")
            : v.text("receivedAt"));
    item.put("place", v.text("place").isEmpty() ? v.text("municipalityName") : v.text("place"));
    String description = v.text("description");
    item.put(
        "excerpt",
        description.length() <= EXCERPT
            ? description
            : description.substring(0, EXCERPT).strip() + "…");
    return item;
  }

  /**
   * A webhook delivery kept for review, in a list of reports: its kind, form and date; its answers
   * are in the alert, not in the digest.
   */
  private Map<String, Object> reviewItem(Submission s, Language lang, Map<String, Taken> taken) {
    ShownValues v = shown(s, Flow.MRC_DIGEST, lang);
    Map<String, Object> item = new HashMap<>();
    item.put("id", v.text("id"));
    item.put("signUp", false);
    item.put("urgent", v.flag("distress"));
    item.put("reporter", "");
    // a sign-up kept for review, or the notice of one without consent, has no take link: no status
    if (takeable(s, v)) {
      status(item, s, lang, taken);
    } else {
      item.put("status", "");
      item.put("taken", false);
    }
    item.put("category", Messages.of(lang).format("digest.kind.review"));
    item.put("date", v.text("receivedAt"));
    item.put("place", "");
    item.put("excerpt", v.text("formId"));
    return item;
  }

  /** A new éclaireur as a row: name, email, municipality, roles, and whether someone took it. */
  private Map<String, Object> signUpItem(Submission s, Language lang, Map<String, Taken> taken) {
    ShownValues v = shown(s, Flow.MRC_DIGEST, lang);
    Messages text = Messages.of(lang);
    Map<String, Object> item = new HashMap<>();
    item.put("id", v.text("id"));
    item.put("signUp", true);
    item.put("urgent", false);
    item.put("name", (v.text("firstName") + " " + v.text("lastName")).strip());
    item.put("email", v.text("email"));
    item.put("phone", v.text("phone"));
    item.put(
        "municipality",
        v.text("municipalityName").isEmpty() ? v.text("mrcName") : v.text("municipalityName"));
    item.put("roles", v.text("roles"));
    item.put("category", text.format("digest.kind.new_eclaireur"));
    item.put("date", v.text("receivedAt"));
    status(item, s, lang, taken);
    return item;
  }

  /** {@code taken}, {@code status}: "non pris en charge" or "pris en charge par X le Y". */
  /**
   * Whether its alerts carry a take link: every report but a delivery kept for review that was not
   * meant to be an observation (as {@code EscalationLadder.escalates} decides), read from what the
   * digest may show of it.
   */
  private static boolean takeable(Submission s, ShownValues v) {
    return !(s.content() instanceof ReportToReview)
        || v.text("reviewReason").equals(ReportToReview.Reason.INCOMPLETE.name())
            && v.text("intendedType").equals(SubmissionType.OBSERVATION.name());
  }

  private static void status(
      Map<String, Object> item, Submission s, Language lang, Map<String, Taken> taken) {
    Messages text = Messages.of(lang);
    Taken t = taken.get(s.id());
    item.put("taken", t != null);
    item.put(
        "status",
        t == null
            ? text.format("digest.status.not_taken")
            : text.format(
                "digest.status.taken",
                t.byName().isBlank() ? text.format("take.unknown_agent") : t.byName(),
                date(lang).format(t.at().atZone(DigestWeek.QUEBEC))));
  }

  /** A report nobody took: its reference, kind and how long it has waited at the week's end. */
  private Map<String, Object> waiting(Submission s, DigestWeek week, Language lang) {
    ShownValues v = shown(s, Flow.MRC_DIGEST, lang);
    Messages text = Messages.of(lang);
    Map<String, Object> item = new HashMap<>();
    item.put("id", v.text("id"));
    item.put(
        "kind",
        text.format(
            s.content() instanceof Observation && v.flag("distress")
                ? "digest.kind.distress"
                : kindKey(s)));
    item.put("receivedAt", v.text("receivedAt"));
    long days = java.time.Duration.between(s.receivedAt(), week.end()).toDays();
    item.put(
        "waiting",
        v.shown("receivedAt") ? text.format("digest.waiting_days", String.valueOf(days)) : "");
    return item;
  }

  /** Untaken reports first, each group in its given order. */
  private static List<Submission> untakenFirst(List<Submission> reports, Map<String, Taken> taken) {
    List<Submission> out =
        new ArrayList<>(reports.stream().filter(s -> !taken.containsKey(s.id())).toList());
    out.addAll(reports.stream().filter(s -> taken.containsKey(s.id())).toList());
    return out;
  }

  private static List<Submission> distressFirst(List<Submission> reports) {
    List<Submission> out =
        new ArrayList<>(reports.stream().filter(EscalationLadder::distress).toList());
    out.addAll(reports.stream().filter(s -> !EscalationLadder.distress(s)).toList());
    return out;
  }

  /**
   * A report's reference for the regional roll-up: what {@link Flow#REGION_DIGEST} allows (its id
   * and the day it arrived) and whether it was taken; no health text, place or éclaireur (the MRC's
   * own agents hold the report).
   */
  private Map<String, Object> reference(Submission s, Language lang, Map<String, Taken> taken) {
    ShownValues v = shown(s, Flow.REGION_DIGEST, lang);
    Map<String, Object> item = new HashMap<>();
    item.put("id", v.text("id"));
    item.put("date", v.text("receivedAt"));
    status(item, s, lang, taken);
    return item;
  }

  /** Every attribute a digest can show, kept only where the schema lets it flow. */
  private ShownValues shown(Submission s, Flow flow, Language lang) {
    Messages text = Messages.of(lang);
    SubmissionContent content = s.content();
    Territory territory = content.territory();
    Map<String, Supplier<Object>> readers = new HashMap<>();
    readers.put("id", s::id);
    readers.put("receivedAt", () -> date(lang).format(s.receivedAt().atZone(DigestWeek.QUEBEC)));
    readers.put("mrcName", territory::mrcName);
    readers.put("regionName", territory::regionName);
    readers.put("municipalityName", () -> territory.municipalityName().orElse(""));
    readers.put("correctionOf", () -> s.notes().correctionOf().orElse(""));
    if (content instanceof SignUp signUp) {
      readers.put("firstName", signUp::firstName);
      readers.put("lastName", signUp::lastName);
      readers.put("email", signUp::email);
      readers.put("phone", () -> signUp.phone().orElse(""));
      readers.put(
          "roles",
          () ->
              String.join(
                  ", ",
                  signUp.roles().stream()
                      .sorted()
                      .map(r -> text.format("role." + r.code()))
                      .toList()));
    } else if (content instanceof Observation o) {
      readers.put("distress", o::distress);
      readers.put("reporterName", () -> o.reporterName().orElse(""));
      readers.put("reporterEmail", o::reporterEmail);
      readers.put("category", () -> text.format("category." + o.category().code()));
      readers.put("observedOn", () -> o.observedOn().map(d -> date(lang).format(d)).orElse(""));
      readers.put("place", () -> o.place().orElse(""));
      readers.put("description", o::description);
    } else if (content instanceof ReportToReview r) {
      readers.put("distress", r::distress);
      readers.put("formId", r::formId);
      readers.put("reviewReason", () -> r.reason().name());
      readers.put("intendedType", () -> r.intended().name());
    }
    return ShownValues.of(flows, flow, content.type(), readers);
  }

  private static DateTimeFormatter date(Language lang) {
    return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(lang.locale());
  }
}
