package ca.relais.core.digest;

import ca.relais.core.i18n.Messages;
import ca.relais.core.model.Category;
import ca.relais.core.model.Language;
import ca.relais.core.model.Observation;
import ca.relais.core.model.Role;
import ca.relais.core.model.SignUp;
import ca.relais.core.model.Submission;
import ca.relais.core.notify.EmailMessage;
import ca.relais.core.notify.EmailTemplates;
import ca.relais.core.routing.RelayAgent;
import ca.relais.core.territory.Region;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Renders the weekly digests from the {@code digest-mrc} and {@code digest-region} templates. */
public final class DigestRenderer {

  static final int EXCERPT = 280;

  private final EmailTemplates templates = new EmailTemplates();

  public EmailMessage mrcDigest(MrcActivity activity, RelayAgent agent) {
    Language lang = agent.language();
    Messages text = Messages.of(lang);
    Map<String, Object> model = common(activity.week(), lang);
    model.put("mrcName", activity.mrcName());
    model.put("mrcCode", activity.mrcCode());
    model.put("quiet", activity.quiet());
    List<SignUp> signUps = activity.signUps();
    model.put("signUpCount", signUps.size());
    List<Map<String, Object>> roleCounts = new ArrayList<>();
    for (Role role : Role.values()) {
      long n = signUps.stream().filter(s -> s.roles().contains(role)).count();
      if (n > 0) {
        roleCounts.add(Map.of("label", text.format("role." + role.code()), "count", n));
      }
    }
    model.put("roleCounts", roleCounts);
    model.put(
        "signUps",
        signUps.stream()
            .map(
                s ->
                    Map.of(
                        "name", s.firstName() + " " + s.lastName(),
                        "municipality",
                            s.territory().municipalityName().orElse(s.territory().mrcName()),
                        "roles",
                            String.join(
                                ", ",
                                s.roles().stream()
                                    .sorted()
                                    .map(r -> text.format("role." + r.code()))
                                    .toList())))
            .toList());
    List<Submission> observations = activity.observations();
    model.put("observationCount", observations.size());
    model.put(
        "distress",
        observations.stream().filter(DigestRenderer::distress).map(o -> item(o, lang)).toList());
    model.put("hasDistress", observations.stream().anyMatch(DigestRenderer::distress));
    List<Map<String, Object>> sections = new ArrayList<>();
    for (Category category : Category.values()) {
      List<Map<String, Object>> items =
          observations.stream()
              .filter(o -> !distress(o) && ((Observation) o.content()).category() == category)
              .map(o -> item(o, lang))
              .toList();
      long total =
          observations.stream()
              .filter(o -> ((Observation) o.content()).category() == category)
              .count();
      sections.add(
          Map.of(
              "label", text.format("category." + category.code()), "count", total, "items", items));
    }
    model.put("sections", sections);
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
                        "id", u.submission().id(),
                        "kind",
                            text.format(
                                u.submission().content() instanceof SignUp
                                    ? "digest.kind.signup"
                                    : "digest.kind.observation"),
                        "receivedAt",
                            date(lang)
                                .format(u.submission().receivedAt().atZone(DigestWeek.QUEBEC)),
                        "reason",
                            text.format(
                                u.reason() == MrcActivity.UndeliveredAlert.Reason.BOUNCED
                                    ? "digest.undelivered.bounced"
                                    : "digest.undelivered.not_sent")))
            .toList());
    model.put("hasUndelivered", !activity.undelivered().isEmpty());
    String subject =
        text.format("digest.subject.mrc", activity.week().toString(), activity.mrcName());
    return templates.render("digest-mrc", lang, agent.email(), subject, model);
  }

  public EmailMessage regionDigest(
      DigestWeek week, Region region, List<MrcActivity> mrcs, RelayAgent agent) {
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
      mrc.observations().stream()
          .filter(DigestRenderer::distress)
          .forEach(
              o -> {
                // a reference, not the report: no description, place or name leaves the MRC
                Map<String, Object> item = reference(o, lang);
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
    String subject = text.format("digest.subject.region", week.toString(), region.name());
    return templates.render("digest-region", lang, agent.email(), subject, model);
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

  private static Map<String, Object> item(Submission s, Language lang) {
    Observation o = (Observation) s.content();
    Map<String, Object> item = new HashMap<>();
    item.put("id", s.id());
    item.put("category", Messages.of(lang).format("category." + o.category().code()));
    item.put(
        "date",
        o.observedOn()
            .map(d -> date(lang).format(d))
            .orElse(date(lang).format(s.receivedAt().atZone(DigestWeek.QUEBEC))));
    item.put("place", o.place().or(() -> o.territory().municipalityName()).orElse(""));
    String description = o.description();
    item.put(
        "excerpt",
        description.length() <= EXCERPT
            ? description
            : description.substring(0, EXCERPT).strip() + "…");
    return item;
  }

  /** A report's reference for the regional roll-up: id, category and date, no health text. */
  private static Map<String, Object> reference(Submission s, Language lang) {
    Map<String, Object> item = item(s, lang);
    item.remove("excerpt");
    item.remove("place");
    return item;
  }

  private static boolean distress(Submission s) {
    return s.content() instanceof Observation o && o.distress();
  }

  private static DateTimeFormatter date(Language lang) {
    return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(lang.locale());
  }
}
