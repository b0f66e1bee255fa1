package ca.relais.intake;

import ca.relais.core.i18n.Messages;
import ca.relais.core.intake.FieldError;
import ca.relais.core.intake.FormFields;
import ca.relais.core.intake.ReferenceIds;
import ca.relais.core.intake.SubmissionValidator;
import ca.relais.core.model.Category;
import ca.relais.core.model.Language;
import ca.relais.core.model.Role;
import ca.relais.core.model.SubmissionSchema;
import ca.relais.core.privacy.NoticeParameters;
import ca.relais.core.privacy.PrivacyNotice;
import ca.relais.core.territory.Municipality;
import ca.relais.core.territory.TerritoryDirectory;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.regex.Pattern;
import org.owasp.encoder.Encode;

/**
 * The HTML of the web forms: the landing page, the sign-up form, the observation form and the
 * thank-you page, in French or English, from the Mustache templates and the {@code web/forms}
 * bundle of this function. Every value is HTML-escaped (the bundles' text by {@link #markup}, which
 * also marks the French terms of English pages; everything else by Mustache); the error messages
 * come from the shared {@code i18n/messages} bundle.
 */
final class FormPages {

  /** A form as it is shown again: what was typed, what is wrong, a message about the whole form. */
  record State(FormFields values, List<FieldError> errors, Optional<FieldError> formProblem) {
    static State empty() {
      return new State(FormFields.builder().build(), List.of(), Optional.empty());
    }
  }

  private static final Mustache.Compiler MUSTACHE =
      Mustache.compiler()
          .escapeHTML(true)
          .emptyStringIsFalse(true)
          .withLoader(name -> reader("web/" + name + ".html.mustache"));
  private static final Template LANDING = compile("landing");
  private static final Template SIGNUP = compile("signup");
  private static final Template OBSERVATION = compile("observation");
  private static final Template THANKS = compile("thanks");

  private final List<String> municipalities;
  private final List<String> mrcs;
  private final int signUpRetentionDays;
  private final int observationRetentionDays;
  private final PrivacyNotice notice;
  private final Map<Language, Map<String, String>> text = new EnumMap<>(Language.class);

  /** The same text as HTML: escaped, French terms of English pages marked {@code lang="fr"}. */
  private final Map<Language, Map<String, String>> html = new EnumMap<>(Language.class);

  private final Map<Language, Optional<Pattern>> frenchTerms = new EnumMap<>(Language.class);

  /** Pages with the privacy notice of the template's default parameters (tests). */
  FormPages(TerritoryDirectory territory, int signUpRetentionDays, int observationRetentionDays) {
    this(
        territory,
        signUpRetentionDays,
        observationRetentionDays,
        PrivacyNotice.of(NoticeParameters.templateDefaults()));
  }

  /** Pages that show this privacy notice under each form. */
  FormPages(
      TerritoryDirectory territory,
      int signUpRetentionDays,
      int observationRetentionDays,
      PrivacyNotice notice) {
    this.notice = notice;
    Set<String> names = new LinkedHashSet<>();
    for (Municipality m : territory.municipalities()) {
      names.add(m.name());
    }
    this.municipalities = List.copyOf(names);
    this.mrcs =
        territory.mrcs().stream()
            .map(m -> m.name())
            .sorted(java.text.Collator.getInstance(Locale.CANADA_FRENCH))
            .toList();
    this.signUpRetentionDays = signUpRetentionDays;
    this.observationRetentionDays = observationRetentionDays;
    for (Language language : Language.values()) {
      ResourceBundle bundle =
          ResourceBundle.getBundle(
              "web.forms",
              language.locale(),
              ResourceBundle.Control.getNoFallbackControl(
                  ResourceBundle.Control.FORMAT_PROPERTIES));
      Map<String, String> map = new HashMap<>();
      for (String key : bundle.keySet()) {
        map.put(key, bundle.getString(key));
      }
      text.put(language, Collections.unmodifiableMap(map));
      frenchTerms.put(language, frenchTerms(map.getOrDefault("french_terms", "")));
      Map<String, String> markup = new HashMap<>();
      map.forEach((key, value) -> markup.put(key, markup(language, value)));
      html.put(language, Collections.unmodifiableMap(markup));
    }
  }

  /**
   * The French words of an English page ({@code french_terms} of {@code web/forms_en}: réseau
   * d’éclaireurs, équipe-relais, bon coup...), longest first, as whole words.
   */
  private static Optional<Pattern> frenchTerms(String terms) {
    List<String> list = new ArrayList<>();
    for (String term : terms.split("\\|")) {
      if (!term.isBlank()) {
        list.add(Pattern.quote(term.strip()));
      }
    }
    if (list.isEmpty()) {
      return Optional.empty();
    }
    list.sort(java.util.Comparator.comparingInt(String::length).reversed());
    return Optional.of(
        Pattern.compile("(?<![\\p{L}\\p{N}])(" + String.join("|", list) + ")(?![\\p{L}\\p{N}])"));
  }

  /**
   * A text of the bundles as HTML: escaped, and on an English page each French term wrapped in
   * {@code <span lang="fr">} so that a screen reader pronounces it in French (WCAG 3.1.2).
   */
  private String markup(Language language, String value) {
    String escaped = Encode.forHtml(value);
    return frenchTerms
        .get(language)
        .map(terms -> terms.matcher(escaped).replaceAll("<span lang=\"fr\">$1</span>"))
        .orElse(escaped);
  }

  /** The path of a page in a language (always explicit: the browser may prefer the other one). */
  static String href(String path, Language language) {
    return path + "?lang=" + language.code();
  }

  String landing(Language language) {
    Map<String, Object> page = common(language, "/", t(language, "landing_title"));
    page.put("skipLink", html.get(language).get("skip_link_content"));
    page.put("signupHref", href(WebForm.SIGNUP.path(), language));
    page.put("observationHref", href(WebForm.OBSERVATION.path(), language));
    page.put(
        "dataText",
        markup(
            language,
            t(language, "data_general")
                .replace("{0}", period(language, signUpRetentionDays))
                .replace("{1}", period(language, observationRetentionDays))));
    return LANDING.execute(page);
  }

  /**
   * The thank-you page after a post: the reference number (when {@code id} is one), what happens to
   * the data, the crisis lines, links to the home page and to this page in the other language.
   */
  String thanks(Optional<String> id, Language language) {
    Optional<String> reference = id.filter(ReferenceIds::looksLikeId);
    Map<String, Object> page = common(language, ThankYouPage.PATH, t(language, "thanks_title"));
    Language other = language == Language.FR ? Language.EN : Language.FR;
    reference.ifPresent(ref -> page.put("otherLanguageHref", ThankYouPage.location(ref, other)));
    page.put("skipLink", html.get(language).get("skip_link_content"));
    page.put("reference", reference.orElse(""));
    page.put("homeHref", href("/", language));
    String data =
        reference.map(ref -> ref.startsWith("S-")).orElse(false)
            ? t(language, "data_signup").replace("{0}", period(language, signUpRetentionDays))
            : reference.isPresent()
                ? t(language, "data_observation")
                    .replace("{0}", period(language, observationRetentionDays))
                : t(language, "data_general")
                    .replace("{0}", period(language, signUpRetentionDays))
                    .replace("{1}", period(language, observationRetentionDays));
    page.put("dataText", markup(language, data));
    return THANKS.execute(page);
  }

  String form(WebForm form, Language language, String token, State state) {
    return form == WebForm.SIGNUP
        ? signUp(language, token, state)
        : observation(language, token, state);
  }

  private String signUp(Language language, String token, State state) {
    Map<String, Object> page =
        formPage(WebForm.SIGNUP, language, token, state, t(language, "signup_title"));
    Errors errors = (Errors) page.get("fieldErrors");
    page.put(
        "identityFields",
        List.of(
            input(language, state, errors, "firstName", "text", "given-name", true, 100),
            input(language, state, errors, "lastName", "text", "family-name", true, 100),
            input(language, state, errors, "email", "email", "email", true, 254),
            input(language, state, errors, "phone", "tel", "tel", false, 40)));
    territory(page, language, state, errors, "territory_legend");
    List<Map<String, Object>> roles = new ArrayList<>();
    Set<String> chosen = new LinkedHashSet<>();
    state.values().values("roles").forEach(v -> chosen.add(v.strip().toLowerCase(Locale.ROOT)));
    for (Role role : Role.values()) {
      roles.add(
          choice(
              language,
              "checkbox",
              "roles",
              role.code(),
              "role_" + role.code(),
              chosen.contains(role.code()),
              errors.has("roles")));
    }
    page.put("roles", roles);
    page.put("rolesError", errors.message("roles"));
    Map<String, Object> availability =
        input(language, state, errors, "availability", "text", "", false, 500);
    Map<String, Object> message = textarea(language, state, errors, "message", false, 2000);
    page.put("extraFields", List.of(availability, message));
    page.put("consentChecked", checked(state.values(), "consent"));
    page.put("consentError", errors.message("consent"));
    page.put(
        "dataText",
        markup(
            language,
            t(language, "data_signup").replace("{0}", period(language, signUpRetentionDays))));
    page.put("notice", noticeParagraphs(language));
    return SIGNUP.execute(page);
  }

  private String observation(Language language, String token, State state) {
    Map<String, Object> page =
        formPage(WebForm.OBSERVATION, language, token, state, t(language, "observation_title"));
    Errors errors = (Errors) page.get("fieldErrors");
    String category = first(state.values(), "category").strip().toLowerCase(Locale.ROOT);
    List<Map<String, Object>> categories = new ArrayList<>();
    for (Category c : Category.values()) {
      categories.add(
          choice(
              language,
              "radio",
              "category",
              c.code(),
              "category_" + c.code(),
              c.code().equals(category),
              errors.has("category")));
    }
    page.put("categories", categories);
    page.put("categoryError", errors.message("category"));
    page.put(
        "descriptionFields",
        List.of(
            textarea(
                language,
                state,
                errors,
                "description",
                true,
                SubmissionValidator.DESCRIPTION_MAX)));
    page.put("distressChecked", checked(state.values(), "distress"));
    page.put("distressError", errors.message("distress"));
    territory(page, language, state, errors, "territory_legend_observation");
    page.put(
        "placeFields",
        List.of(
            input(language, state, errors, "place", "text", "", false, 200),
            input(language, state, errors, "observedOn", "date", "", false, 40)));
    page.put(
        "reporterFields",
        List.of(
            input(language, state, errors, "reporterName", "text", "name", false, 200),
            input(language, state, errors, "reporterEmail", "email", "email", true, 254)));
    page.put(
        "dataText",
        markup(
            language,
            t(language, "data_observation")
                .replace("{0}", period(language, observationRetentionDays))));
    page.put("notice", noticeParagraphs(language));
    return OBSERVATION.execute(page);
  }

  /**
   * The privacy notice's paragraphs after its title (the title is the section's heading), as HTML:
   * escaped, French terms of English pages marked.
   */
  private List<String> noticeParagraphs(Language language) {
    List<String> paragraphs = List.of(notice.text(language).split("\n\n"));
    return paragraphs.subList(1, paragraphs.size()).stream().map(p -> markup(language, p)).toList();
  }

  private void territory(
      Map<String, Object> page, Language language, State state, Errors errors, String legendKey) {
    Map<String, Object> municipality =
        input(language, state, errors, "municipality", "text", "address-level2", false, 200);
    municipality.put("list", "municipalities");
    municipality.put("either", true);
    Map<String, Object> mrc = input(language, state, errors, "mrc", "text", "off", false, 200);
    mrc.put("list", "mrcs");
    mrc.put("either", true);
    page.put("territoryLegend", t(language, legendKey));
    page.put("territoryFields", List.of(municipality, mrc));
    page.put("municipalities", municipalities);
    page.put("mrcs", mrcs);
  }

  private Map<String, Object> formPage(
      WebForm form, Language language, String token, State state, String title) {
    Map<String, Object> page = common(language, form.path(), title);
    Errors errors = new Errors(state.errors(), error -> errorText(language, error));
    List<Map<String, Object>> summary = new ArrayList<>();
    for (FieldError error : state.errors()) {
      String label = text.get(language).getOrDefault(labelKey(error.field()), error.field());
      summary.add(
          Map.of(
              "anchor",
              anchor(form, error.field()),
              "text",
              t(language, "summary_item")
                  .replace("{0}", label)
                  .replace("{1}", errorText(language, error))));
    }
    Optional<String> formMessage =
        state.formProblem().map(problem -> formMessage(language, problem));
    page.put("fieldErrors", errors);
    page.put("errors", summary);
    page.put("hasErrors", !summary.isEmpty());
    page.put("formMessage", formMessage.orElse(""));
    page.put("hasProblems", !summary.isEmpty() || formMessage.isPresent());
    page.put("action", form.path());
    page.put("token", token);
    return page;
  }

  /**
   * The message of a field error: the shared one of the API, unless the forms say it better for a
   * person ticking boxes ({@code error.<key>} or {@code error.<field>.<key>} in {@code web/forms}).
   */
  private String errorText(Language language, FieldError error) {
    Map<String, String> own = text.get(language);
    String better = own.get("error." + error.field() + "." + error.messageKey());
    if (better == null) {
      better = own.get("error." + error.messageKey());
    }
    return better != null
        ? better
        : Messages.of(language).format(error.messageKey(), error.arguments());
  }

  private String formMessage(Language language, FieldError problem) {
    String own = text.get(language).get(problem.messageKey());
    return own != null
        ? own
        : Messages.of(language).format(problem.messageKey(), problem.arguments());
  }

  private Map<String, Object> common(Language language, String path, String title) {
    Language other = language == Language.FR ? Language.EN : Language.FR;
    Map<String, Object> page = new HashMap<>();
    page.put("lang", language.code());
    page.put("t", html.get(language));
    page.put("skipLink", html.get(language).get("skip_link"));
    page.put("title", title);
    page.put("otherLanguage", other.code());
    page.put("otherLanguageHref", href(path, other));
    return page;
  }

  private Map<String, Object> input(
      Language language,
      State state,
      Errors errors,
      String id,
      String type,
      String autocomplete,
      boolean required,
      int maxLength) {
    Map<String, Object> field = new HashMap<>();
    field.put("id", id);
    field.put("type", type);
    field.put("label", markup(language, t(language, id)));
    String hint = text.get(language).getOrDefault(id + "_hint", "");
    field.put("hint", markup(language, hint));
    field.put("value", first(state.values(), id));
    field.put("autocomplete", autocomplete);
    field.put("inputmode", "");
    field.put("list", "");
    field.put("required", required);
    field.put("either", false);
    field.put("textarea", false);
    field.put("maxlength", String.valueOf(maxLength));
    String error = errors.message(id);
    field.put("error", error);
    List<String> describedBy = new ArrayList<>();
    if (!hint.isEmpty()) {
      describedBy.add(id + "-hint");
    }
    if (!error.isEmpty()) {
      describedBy.add(id + "-error");
    }
    field.put("describedBy", String.join(" ", describedBy));
    return field;
  }

  private Map<String, Object> textarea(
      Language language, State state, Errors errors, String id, boolean required, int maxLength) {
    Map<String, Object> field = input(language, state, errors, id, "", "", required, maxLength);
    field.put("textarea", true);
    return field;
  }

  private Map<String, Object> choice(
      Language language,
      String type,
      String name,
      String value,
      String key,
      boolean checked,
      boolean groupError) {
    Map<String, Object> choice = new HashMap<>();
    choice.put("type", type);
    choice.put("name", name);
    choice.put("value", value);
    choice.put("id", name + "-" + value);
    choice.put("label", markup(language, t(language, key)));
    choice.put("help", markup(language, t(language, key + "_help")));
    choice.put("checked", checked);
    choice.put("groupError", groupError);
    return choice;
  }

  private String period(Language language, int days) {
    return days % 365 == 0
        ? t(language, "retention_years").replace("{0}", String.valueOf(days / 365))
        : t(language, "retention_days").replace("{0}", String.valueOf(days));
  }

  /**
   * Where the error summary links to: the field, or the first choice of a group, for any input the
   * schema declares for this form ({@link SubmissionSchema#inputsOf}); the form itself for anything
   * else, and for the language, which the page sets, not a control.
   */
  static String anchor(WebForm form, String field) {
    if (!SubmissionSchema.inputsOf(form.type()).contains(field) || field.equals("language")) {
      return "form";
    }
    return switch (field) {
      case "roles" -> "roles-" + Role.PROMOTE.code();
      case "category" -> "category-" + Category.CONCERN.code();
      default -> field;
    };
  }

  private static String labelKey(String field) {
    return switch (field) {
      case "roles" -> "roles_legend";
      case "category" -> "category_legend";
      case "consent" -> "consent_legend";
      default -> field;
    };
  }

  private String t(Language language, String key) {
    String value = text.get(language).get(key);
    if (value == null) {
      throw new IllegalStateException("No text " + key + " in web/forms for " + language);
    }
    return value;
  }

  private static String first(FormFields fields, String name) {
    List<String> values = fields.values(name);
    return values.isEmpty() ? "" : values.get(0);
  }

  private static boolean checked(FormFields fields, String name) {
    return fields.values(name).stream()
        .map(v -> v.strip().toLowerCase(Locale.ROOT))
        .anyMatch(v -> v.equals("on") || v.equals("true") || v.equals("oui") || v.equals("yes"));
  }

  private static Template compile(String name) {
    try (java.io.Reader reader = reader("web/" + name + ".html.mustache")) {
      return MUSTACHE.compile(reader);
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static java.io.Reader reader(String resource) {
    InputStream in = FormPages.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("Missing template " + resource);
    }
    return new InputStreamReader(in, StandardCharsets.UTF_8);
  }

  /** The error messages of each field, in the page's language (several joined by a space). */
  private static final class Errors {
    private final Map<String, String> byField = new LinkedHashMap<>();

    Errors(List<FieldError> errors, java.util.function.Function<FieldError, String> text) {
      for (FieldError error : errors) {
        byField.merge(error.field(), text.apply(error), (a, b) -> a + " " + b);
      }
    }

    boolean has(String field) {
      return byField.containsKey(field);
    }

    String message(String field) {
      return byField.getOrDefault(field, "");
    }
  }
}
