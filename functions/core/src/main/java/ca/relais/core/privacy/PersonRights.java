package ca.relais.core.privacy;

import ca.relais.core.log.StructuredLogger;
import ca.relais.core.model.FieldSpec;
import ca.relais.core.model.SubmissionSchema;
import ca.relais.core.model.SubmissionType;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A person's rights over what Relais holds about them: find, export, rectify, erase, withdraw. Each
 * use writes an entry in the {@link PrivacyRegister}. A person is named by an email address
 * (through the person index) or by one submission id.
 */
public final class PersonRights {

  /** What erasure cannot reach, listed in each erasure's answer. */
  public static final List<String> NOT_REACHABLE =
      List.of(
          "emails already delivered to mailboxes (relay agents, the person)",
          "the table's point-in-time backups, kept 35 days",
          "function logs (ids and codes only, no personal information), kept per LogRetentionDays");

  private static final StructuredLogger LOG = StructuredLogger.forComponent(PersonRights.class);

  private final PersonRecords records;
  private final PrivacyRegister register;
  private final PersonKey key;
  private final Clock clock;

  public PersonRights(PersonRecords records, PrivacyRegister register, PersonKey key, Clock clock) {
    this.records = records;
    this.register = register;
    this.key = key;
    this.clock = clock;
  }

  /** Who is asked about: an address or a submission id. */
  public sealed interface Subject {
    /** {@code person:{key}} or {@code submission:{id}}: what the register names. */
    String registerName(PersonKey key);
  }

  public record ByEmail(String address) implements Subject {
    @Override
    public String registerName(PersonKey key) {
      return "person:" + key.of(address);
    }
  }

  public record ById(String submissionId) implements Subject {
    @Override
    public String registerName(PersonKey key) {
      return "submission:" + submissionId;
    }
  }

  /** The person's submissions, oldest id first. */
  public List<PersonRecords.PersonRecord> find(Subject subject, String operator) {
    List<PersonRecords.PersonRecord> found = lookUp(subject);
    note(operator, "find", subject, found.size());
    return found;
  }

  /**
   * Everything held about the person, as one document: {@code person}, {@code exportedAt}, {@code
   * records} (each with {@code id}, {@code type}, {@code attributes}, {@code consent}, {@code
   * emails}) and {@code notice}.
   */
  public Map<String, Object> export(Subject subject, String operator) {
    List<PersonRecords.PersonRecord> found = lookUp(subject);
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("subject", subject.registerName(key));
    document.put("exportedAt", clock.instant().toString());
    List<Map<String, Object>> out = new ArrayList<>();
    for (PersonRecords.PersonRecord record : found) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("id", record.id());
      entry.put("type", record.type().name());
      Map<String, Object> data = new LinkedHashMap<>();
      Map<String, Object> consent = new LinkedHashMap<>();
      for (FieldSpec field : SubmissionSchema.fieldsOf(record.type())) {
        Object value = record.attributes().get(field.name());
        if (value == null) {
          continue;
        }
        (field.sensitivity() == ca.relais.core.model.Sensitivity.CONSENT ? consent : data)
            .put(field.name(), value);
      }
      entry.put("attributes", data);
      entry.put("consent", consent);
      entry.put(
          "emails",
          record.emails().stream()
              .map(
                  e -> {
                    Map<String, Object> email = new LinkedHashMap<>();
                    email.put("kind", e.kind());
                    email.put("state", e.state());
                    e.sentAt().ifPresent(at -> email.put("sentAt", at));
                    return email;
                  })
              .toList());
      out.add(entry);
    }
    document.put("records", out);
    note(operator, "export", subject, found.size());
    return document;
  }

  /** What an erasure did. */
  public record Erasure(int submissions, int items, List<String> notReachable) {}

  /** Deletes every submission of the person and what points to them. */
  public Erasure erase(Subject subject, String operator) {
    List<PersonRecords.PersonRecord> found = lookUp(subject);
    int items = 0;
    for (PersonRecords.PersonRecord record : found) {
      items += records.erase(record, personKeyOf(record));
    }
    note(operator, "erase", subject, found.size());
    return new Erasure(found.size(), items, NOT_REACHABLE);
  }

  /**
   * Sets one attribute of the person's submissions that carry it.
   *
   * @throws IllegalArgumentException when the attribute is not a person's declared, rectifiable
   *     attribute
   */
  public int rectify(Subject subject, String attribute, String value, String operator) {
    FieldSpec field =
        SubmissionSchema.field(attribute)
            .filter(f -> isRectifiable(f))
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "not a rectifiable attribute; use one of " + rectifiable()));
    value = validated(attribute, value);
    List<PersonRecords.PersonRecord> found = lookUp(subject);
    int changed = 0;
    for (PersonRecords.PersonRecord record : found) {
      if (!field.carriedBy(record.type())) {
        continue;
      }
      boolean address = attribute.equals(SubmissionSchema.addressAttribute(record.type()));
      records.rectify(
          record,
          attribute,
          value,
          address
              ? Optional.of(new PersonRecords.Rekey(personKeyOf(record), key.of(value)))
              : Optional.empty());
      changed++;
    }
    note(operator, "rectify:" + attribute, subject, changed);
    return changed;
  }

  /** Records the withdrawal of consent on the person's sign-ups; the proof stays. */
  public int withdraw(Subject subject, String operator) {
    Instant now = clock.instant();
    int changed = 0;
    for (PersonRecords.PersonRecord record : lookUp(subject)) {
      if (record.type() == SubmissionType.SIGNUP) {
        records.withdraw(record, now);
        changed++;
      }
    }
    note(operator, "withdraw", subject, changed);
    return changed;
  }

  /** The register's entries in {@code [from, to)}. */
  public List<PrivacyRegister.Entry> register(Instant from, Instant to) {
    return register.between(from, to);
  }

  /** The attributes {@code rectify} may set: the declared texts a person gave. */
  public static List<String> rectifiable() {
    return SubmissionSchema.fields().stream()
        .filter(PersonRights::isRectifiable)
        .map(FieldSpec::name)
        .toList();
  }

  private static boolean isRectifiable(FieldSpec field) {
    if (List.of("observedOn", "problems", "answers").contains(field.name())) {
      return false; // a date, and what a webhook delivery held as received: not a person's text
    }
    return switch (field.sensitivity()) {
      case IDENTITY, CONTACT, FREE_TEXT -> true;
      case HEALTH -> field.name().equals("description");
      default -> false;
    };
  }

  /**
   * A new value as intake would take it: the same rules (one line without control characters, free
   * text with line breaks only, a deliverable address, a phone number stored normalised).
   *
   * @throws IllegalArgumentException naming the attribute when intake would refuse the value
   */
  static String validated(String attribute, String value) {
    String v = value.strip();
    boolean ok;
    switch (attribute) {
      case "email", "reporterEmail" -> ok = ca.relais.core.intake.EmailAddresses.isValid(v);
      case "phone" -> {
        return ca.relais.core.intake.PhoneNumber.normalise(v).orElseThrow(() -> refused(attribute));
      }
      case "description", "message" ->
          ok = !v.isEmpty() && ca.relais.core.intake.FreeText.isValid(v);
      default -> ok = !v.isEmpty() && ca.relais.core.intake.OneLineText.isValid(v);
    }
    if (!ok) {
      throw refused(attribute);
    }
    return v;
  }

  private static IllegalArgumentException refused(String attribute) {
    return new IllegalArgumentException(
        "the new value of " + attribute + " is refused, as intake would refuse it");
  }

  private List<PersonRecords.PersonRecord> lookUp(Subject subject) {
    List<String> ids =
        subject instanceof ByEmail byEmail
            ? records.submissionIds(key.of(byEmail.address()))
            : List.of(((ById) subject).submissionId());
    List<PersonRecords.PersonRecord> found = new ArrayList<>();
    for (String id : ids.stream().distinct().sorted().toList()) {
      records.record(id).ifPresent(found::add);
    }
    return found;
  }

  private String personKeyOf(PersonRecords.PersonRecord record) {
    // a report kept for review has no one address attribute (its answers are a list)
    Object address = record.attributes().get(SubmissionSchema.addressAttribute(record.type()));
    return address instanceof String text ? key.of(text) : "";
  }

  private void note(String operator, String action, Subject subject, int count) {
    register.record(
        new PrivacyRegister.Entry(
            clock.instant(), operator, action, subject.registerName(key), count));
    LOG.info("person." + action.replace(':', '_'), "records", count);
  }
}
