package ca.relais.core.intake;

import ca.relais.core.model.Category;
import ca.relais.core.model.Language;
import ca.relais.core.model.Observation;
import ca.relais.core.model.Role;
import ca.relais.core.model.SignUp;
import ca.relais.core.model.SubmissionSchema;
import ca.relais.core.model.SubmissionType;
import ca.relais.core.model.Territory;
import ca.relais.core.territory.TerritoryResolution;
import ca.relais.core.territory.TerritoryResolver;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the fields of a sign-up or an observation form into a validated record, or field errors.
 */
public final class SubmissionValidator {

  /** The honeypot field: people never see it, bots fill it. */
  public static final String HONEYPOT = "website";

  static final Set<String> SIGNUP_FIELDS = withHoneypot(SubmissionType.SIGNUP);
  static final Set<String> OBSERVATION_FIELDS = withHoneypot(SubmissionType.OBSERVATION);

  /** The inputs the schema declares for this form, and the honeypot. */
  private static Set<String> withHoneypot(SubmissionType type) {
    Set<String> fields = new java.util.LinkedHashSet<>(SubmissionSchema.inputsOf(type));
    fields.add(HONEYPOT);
    return java.util.Collections.unmodifiableSet(fields);
  }

  /** The fields a submission of this type may carry (the honeypot aside). */
  public static Set<String> fieldsOf(SubmissionType type) {
    return SubmissionSchema.inputsOf(type);
  }

  public static final int DESCRIPTION_MAX = 4000;
  private static final int NAME_MAX = 100;
  private static final int TERRITORY_MAX = 200;

  private final TerritoryResolver territories;
  private final Clock clock;

  public SubmissionValidator(TerritoryResolver territories, Clock clock) {
    this.territories = territories;
    this.clock = clock;
  }

  /** True when a bot filled the honeypot. */
  public static boolean isHoneypotFilled(FormFields fields) {
    return fields.values(HONEYPOT).stream().anyMatch(v -> !v.isBlank());
  }

  public Validation<SignUp> signUp(FormFields fields, Language requestLanguage) {
    FieldReader in = new FieldReader(fields, SIGNUP_FIELDS);
    Optional<String> firstName = in.requiredText("firstName", NAME_MAX);
    Optional<String> lastName = in.requiredText("lastName", NAME_MAX);
    Optional<String> email = in.requiredEmail("email");
    Optional<String> phone = phone(in);
    Optional<Territory> territory = territory(in);
    Set<Role> roles = roles(in);
    boolean consent = in.optionalBoolean("consent");
    if (!consent && in.errors().stream().noneMatch(e -> e.field().equals("consent"))) {
      in.reject(FieldError.of("consent", "signup.consent_required"));
    }
    Language language = language(in, requestLanguage);
    Optional<String> availability = in.optionalText("availability", 500);
    Optional<String> message = in.optionalFreeText("message", 2000);
    if (!in.errors().isEmpty()) {
      return new Validation.Invalid<>(in.errors());
    }
    return new Validation.Valid<>(
        new SignUp(
            firstName.orElseThrow(),
            lastName.orElseThrow(),
            email.orElseThrow(),
            phone,
            territory.orElseThrow(),
            roles,
            language,
            availability,
            message));
  }

  public Validation<Observation> observation(FormFields fields, Language requestLanguage) {
    FieldReader in = new FieldReader(fields, OBSERVATION_FIELDS);
    Optional<Territory> territory = territory(in);
    Optional<Category> category = category(in);
    Optional<String> description = in.requiredFreeText("description", DESCRIPTION_MAX);
    boolean distress = in.optionalBoolean("distress");
    Optional<LocalDate> observedOn = date(in, "observedOn");
    Optional<String> place = in.optionalText("place", 200);
    Optional<String> reporterEmail = in.requiredEmail("reporterEmail");
    Optional<String> reporterName = in.optionalText("reporterName", 200);
    Language language = language(in, requestLanguage);
    if (!in.errors().isEmpty()) {
      return new Validation.Invalid<>(in.errors());
    }
    return new Validation.Valid<>(
        new Observation(
            territory.orElseThrow(),
            category.orElseThrow(),
            description.orElseThrow(),
            distress,
            observedOn,
            place,
            reporterEmail.orElseThrow(),
            reporterName,
            language));
  }

  /**
   * The territory of the fields ({@code municipality}, {@code mrc}) when it resolves; empty
   * otherwise. For a webhook delivery kept for review: its alert goes to the MRC when readable.
   */
  public Optional<Territory> territoryOf(FormFields fields) {
    FormFields.Builder only = FormFields.builder();
    for (String name : List.of("municipality", "mrc")) {
      fields.values(name).forEach(v -> only.add(name, v));
    }
    FieldReader in = new FieldReader(only.build(), Set.of("municipality", "mrc"));
    return territory(in);
  }

  private static Optional<String> phone(FieldReader in) {
    Optional<String> typed = in.optionalText("phone", 40);
    if (typed.isEmpty()) {
      return typed;
    }
    Optional<String> number = PhoneNumber.normalise(typed.get());
    if (number.isEmpty()) {
      in.reject(FieldError.of("phone", "field.phone"));
    }
    return number;
  }

  private Optional<Territory> territory(FieldReader in) {
    Optional<String> municipality = in.optionalText("municipality", TERRITORY_MAX);
    Optional<String> mrc = in.optionalText("mrc", TERRITORY_MAX);
    if (in.errors().stream()
        .anyMatch(e -> e.field().equals("municipality") || e.field().equals("mrc"))) {
      return Optional.empty();
    }
    TerritoryResolution resolution = territories.resolve(municipality, mrc);
    if (resolution instanceof TerritoryResolution.Resolved resolved) {
      return Optional.of(
          new Territory(
              resolved.mrc().code(),
              resolved.mrc().name(),
              resolved.region().code(),
              resolved.region().name(),
              resolved.municipality().map(m -> m.code()),
              resolved.municipality().map(m -> m.name())));
    }
    TerritoryResolution.Problem problem = (TerritoryResolution.Problem) resolution;
    String key =
        switch (problem.kind()) {
          case MISSING -> "territory.missing";
          case UNKNOWN_MRC -> "territory.unknown_mrc";
          case UNKNOWN_MUNICIPALITY -> "territory.unknown_municipality";
          case AMBIGUOUS_MUNICIPALITY -> "territory.ambiguous";
          case MUNICIPALITY_NOT_IN_MRC -> "territory.not_in_mrc";
        };
    in.reject(FieldError.of(problem.field(), key, String.join(", ", problem.candidates())));
    return Optional.empty();
  }

  private static Set<Role> roles(FieldReader in) {
    List<String> values = in.list("roles", 8, 40);
    if (in.errors().stream().anyMatch(e -> e.field().equals("roles"))) {
      return Set.of();
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String value : values) {
      Optional<Role> role = Role.fromCode(value);
      if (role.isEmpty()) {
        in.reject(FieldError.of("roles", "signup.role_invalid", value));
        return Set.of();
      }
      roles.add(role.get());
    }
    if (roles.isEmpty()) {
      in.reject(FieldError.of("roles", "signup.roles_required"));
    }
    return roles;
  }

  private static Optional<Category> category(FieldReader in) {
    int before = in.errors().size();
    Optional<String> value = in.requiredText("category", 40);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    Optional<Category> category = Category.fromCode(value.get());
    if (category.isEmpty() && in.errors().size() == before) {
      in.reject(FieldError.of("category", "observation.category_invalid"));
    }
    return category;
  }

  private Optional<LocalDate> date(FieldReader in, String field) {
    Optional<String> value = in.optionalText(field, 40);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    LocalDate date;
    try {
      date = LocalDate.parse(value.get());
    } catch (DateTimeParseException e) {
      in.reject(FieldError.of(field, "field.date"));
      return Optional.empty();
    }
    if (date.isAfter(LocalDate.now(clock.withZone(ReferenceIds.QUEBEC)))) {
      in.reject(FieldError.of(field, "field.date_future"));
      return Optional.empty();
    }
    if (date.getYear() < 1900) {
      in.reject(FieldError.of(field, "field.date"));
      return Optional.empty();
    }
    return Optional.of(date);
  }

  private static Language language(FieldReader in, Language requestLanguage) {
    Optional<String> value = in.optionalText("language", 20);
    if (value.isEmpty()) {
      return requestLanguage;
    }
    Optional<Language> language = Language.parse(value.get());
    if (language.isEmpty()) {
      in.reject(FieldError.of("language", "field.language"));
      return requestLanguage;
    }
    return language.get();
  }
}
