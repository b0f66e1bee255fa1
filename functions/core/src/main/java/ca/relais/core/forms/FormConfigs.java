package ca.relais.core.forms;

import ca.relais.core.intake.SubmissionValidator;
import ca.relais.core.json.Json;
import ca.relais.core.model.SubmissionSchema;
import ca.relais.core.model.SubmissionType;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The configured forms: one JSON file per form, {@code forms/{formId}.json}, bundled with the
 * function. A form is read on its first delivery and kept for the life of the container.
 */
public final class FormConfigs {

  /** What a form id may look like: it names a file, so nothing else is accepted. */
  public static final Pattern FORM_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

  /** The Relais fields a form must provide (the territory is checked apart). */
  static final Map<SubmissionType, List<String>> REQUIRED =
      Map.of(
          SubmissionType.SIGNUP,
          SubmissionSchema.requiredInputsOf(SubmissionType.SIGNUP),
          SubmissionType.OBSERVATION,
          SubmissionSchema.requiredInputsOf(SubmissionType.OBSERVATION));

  private static final Set<String> TOP_LEVEL =
      Set.of(
          "name",
          "notes",
          "provider",
          "produces",
          "defaultMrc",
          "fields",
          "constants",
          "auth",
          "deliveryId");

  /** A member that is absent (a member set to JSON null is {@code null}). */
  private static final Object MISSING = new Object();

  private final Function<String, Optional<byte[]>> source;
  private final Map<String, Optional<FormConfig>> cache = new ConcurrentHashMap<>();

  private FormConfigs(Function<String, Optional<byte[]>> source) {
    this.source = source;
  }

  /** The forms bundled in the function: {@code forms/{formId}.json} on the classpath. */
  public static FormConfigs classpath() {
    ClassLoader loader = FormConfigs.class.getClassLoader();
    return new FormConfigs(
        formId -> {
          try (InputStream in = loader.getResourceAsStream("forms/" + formId + ".json")) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
          } catch (IOException e) {
            throw new FormConfigException("forms/" + formId + ".json cannot be read");
          }
        });
  }

  /** Forms given as JSON text by id, for tests. */
  public static FormConfigs of(Map<String, String> jsonById) {
    Map<String, String> copy = Map.copyOf(jsonById);
    return new FormConfigs(
        formId ->
            Optional.ofNullable(copy.get(formId))
                .map(text -> text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  /**
   * The form of an id; empty when none is configured or the id cannot name one.
   *
   * @throws FormConfigException when the form's file is broken
   */
  public Optional<FormConfig> find(String formId) {
    if (formId == null || !FORM_ID.matcher(formId).matches()) {
      return Optional.empty();
    }
    return cache.computeIfAbsent(formId, id -> source.apply(id).map(bytes -> parse(id, bytes)));
  }

  /** Reads and checks one form's configuration. */
  public static FormConfig parse(String formId, byte[] json) {
    Map<String, Object> root;
    try {
      root =
          Json.object(Json.readStrict(json, StreamReadConstraints.DEFAULT_MAX_DEPTH))
              .orElseThrow(() -> invalid(formId, "must be a JSON object"));
    } catch (IOException e) {
      throw invalid(formId, "is not valid JSON");
    }
    for (String key : names(root)) {
      if (!TOP_LEVEL.contains(key)) {
        throw invalid(formId, "has an unknown key \"" + key + "\"");
      }
    }
    ProviderFormat provider =
        ProviderFormat.fromCode(text(formId, root, "provider"))
            .orElseThrow(
                () ->
                    invalid(
                        formId, "has an unknown provider; use one of " + ProviderFormat.codes()));
    SubmissionType produces =
        switch (text(formId, root, "produces")) {
          case "signup" -> SubmissionType.SIGNUP;
          case "observation" -> SubmissionType.OBSERVATION;
          default -> throw invalid(formId, "must produce \"signup\" or \"observation\"");
        };
    Set<String> allowed = SubmissionValidator.fieldsOf(produces);
    Optional<String> defaultMrc = optionalText(formId, root, "defaultMrc");
    Optional<String> deliveryId = optionalText(formId, root, "deliveryId");
    Map<String, String> constants = constants(formId, member(root, "constants"), allowed);
    List<FieldMapping> fields = fields(formId, root.get("fields"), allowed, constants);
    AuthConfig auth = auth(formId, root.get("auth"));
    Set<String> provided = new java.util.HashSet<>(constants.keySet());
    fields.forEach(f -> provided.add(f.field()));
    for (String required : REQUIRED.get(produces)) {
      if (!provided.contains(required)) {
        throw invalid(formId, "maps no question to the required field \"" + required + "\"");
      }
    }
    if (!provided.contains("municipality") && !provided.contains("mrc") && defaultMrc.isEmpty()) {
      throw invalid(formId, "maps no question to municipality or mrc, and has no defaultMrc");
    }
    if (provider == ProviderFormat.JSON_FORMAT
        && deliveryId.isPresent()
        && !deliveryId.get().startsWith("/")) {
      throw invalid(formId, "deliveryId must be a JSON Pointer such as /id");
    }
    return new FormConfig(
        formId, provider, produces, defaultMrc, fields, constants, auth, deliveryId);
  }

  private static Map<String, String> constants(String formId, Object node, Set<String> allowed) {
    Map<String, String> constants = new LinkedHashMap<>();
    if (node == MISSING) {
      return constants;
    }
    if (!(node instanceof Map)) {
      throw invalid(formId, "constants must be an object");
    }
    for (Map.Entry<String, Object> entry : Json.members(node)) {
      if (!allowed.contains(entry.getKey())) {
        throw invalid(formId, "has a constant for an unknown field \"" + entry.getKey() + "\"");
      }
      if (!Json.isScalar(entry.getValue())) {
        throw invalid(
            formId, "constant \"" + entry.getKey() + "\" must be text, number or boolean");
      }
      constants.put(entry.getKey(), Json.text(entry.getValue()));
    }
    return constants;
  }

  private static List<FieldMapping> fields(
      String formId, Object node, Set<String> allowed, Map<String, String> constants) {
    if (!(node instanceof Map<?, ?> members) || members.isEmpty()) {
      throw invalid(formId, "needs \"fields\": an object from Relais field to question");
    }
    List<FieldMapping> fields = new ArrayList<>();
    for (Map.Entry<String, Object> entry : Json.members(node)) {
      String field = entry.getKey();
      Object mapping = entry.getValue();
      if (!allowed.contains(field)) {
        throw invalid(formId, "maps an unknown Relais field \"" + field + "\"");
      }
      if (constants.containsKey(field)) {
        throw invalid(formId, "has both a question and a constant for \"" + field + "\"");
      }
      if (mapping instanceof String question) {
        fields.add(FieldMapping.of(field, question));
        continue;
      }
      if (!(mapping instanceof Map)) {
        throw invalid(formId, "field \"" + field + "\" must be a question or an object");
      }
      for (String key : names(mapping)) {
        if (!Set.of("question", "values", "split", "namePart", "dateFormats").contains(key)) {
          throw invalid(formId, "field \"" + field + "\" has an unknown key \"" + key + "\"");
        }
      }
      List<String> questions = new ArrayList<>();
      Object question = Json.path(mapping, "question");
      if (question instanceof String text && !text.isBlank()) {
        questions.add(text);
      } else if (question instanceof List) {
        Json.items(question)
            .forEach(
                q -> {
                  if (!(q instanceof String text) || text.isBlank()) {
                    throw invalid(
                        formId, "field \"" + field + "\" has a question that is not text");
                  }
                  questions.add(text);
                });
      }
      if (questions.isEmpty()) {
        throw invalid(formId, "field \"" + field + "\" needs a \"question\"");
      }
      Map<String, String> values = new LinkedHashMap<>();
      Object valueMap = member(mapping, "values");
      if (valueMap != MISSING) {
        if (!(valueMap instanceof Map)) {
          throw invalid(formId, "field \"" + field + "\": values must be an object");
        }
        for (Map.Entry<String, Object> value : Json.members(valueMap)) {
          if (!Json.isScalar(value.getValue())) {
            throw invalid(formId, "field \"" + field + "\": every value must be text or boolean");
          }
          values.put(value.getKey(), Json.text(value.getValue()));
        }
      }
      Optional<String> split =
          Optional.ofNullable(Json.path(mapping, "split"))
              .map(Json::text)
              .filter(s -> !s.isEmpty());
      Optional<FieldMapping.NamePart> namePart = Optional.empty();
      Object part = member(mapping, "namePart");
      if (part != MISSING) {
        if (!Set.of("firstName", "lastName").contains(field)
            || !Set.of("first", "last").contains(Json.text(part))) {
          throw invalid(
              formId,
              "field \""
                  + field
                  + "\": namePart is \"first\" or \"last\", for firstName or lastName");
        }
        namePart =
            Optional.of(
                Json.text(part).equals("first")
                    ? FieldMapping.NamePart.FIRST
                    : FieldMapping.NamePart.LAST);
      }
      List<String> dateFormats = new ArrayList<>();
      Object formats = member(mapping, "dateFormats");
      if (formats != MISSING) {
        if (!FieldMapping.DATE_FIELDS.contains(field) || !(formats instanceof List)) {
          throw invalid(
              formId,
              "field \"" + field + "\": dateFormats is a list of patterns, for a date field");
        }
        for (Object format : Json.items(formats)) {
          try {
            FieldMapping.formatter(Json.text(format));
          } catch (IllegalArgumentException badPattern) {
            throw invalid(
                formId,
                "field \"" + field + "\": \"" + Json.text(format) + "\" is not a date pattern");
          }
          dateFormats.add(Json.text(format));
        }
      }
      fields.add(new FieldMapping(field, questions, values, split, namePart, dateFormats));
    }
    return fields;
  }

  private static AuthConfig auth(String formId, Object node) {
    if (!(node instanceof Map)) {
      throw invalid(
          formId, "needs \"auth\" (write {\"type\": \"none\"} for a form without authentication)");
    }
    for (String key : names(node)) {
      if (!Set.of("type", "header", "encoding", "prefix", "secretName", "username", "parameter")
          .contains(key)) {
        throw invalid(formId, "auth has an unknown key \"" + key + "\"");
      }
    }
    AuthConfig.Type type =
        AuthConfig.Type.fromCode(text(formId, node, "type"))
            .orElseThrow(
                () ->
                    invalid(
                        formId,
                        "auth.type must be hmac-sha256, secret-header, basic, secret-query or"
                            + " none"));
    if (type == AuthConfig.Type.NONE) {
      return AuthConfig.none();
    }
    Optional<String> header = optionalText(formId, node, "header");
    Optional<String> secretName = optionalText(formId, node, "secretName");
    Optional<String> username = optionalText(formId, node, "username");
    Optional<String> parameter = optionalText(formId, node, "parameter");
    if (secretName.isEmpty()) {
      throw invalid(formId, "auth needs a secretName (a key of FORM_SECRETS)");
    }
    if ((type == AuthConfig.Type.HMAC_SHA256 || type == AuthConfig.Type.SECRET_HEADER)
        && header.isEmpty()) {
      throw invalid(formId, "auth needs the header that carries the signature or secret");
    }
    if (type == AuthConfig.Type.BASIC && username.isEmpty()) {
      throw invalid(formId, "basic auth needs a username");
    }
    if (type == AuthConfig.Type.SECRET_QUERY && parameter.isEmpty()) {
      throw invalid(formId, "secret-query auth needs the query parameter's name");
    }
    AuthConfig.Encoding encoding =
        optionalText(formId, node, "encoding")
            .map(
                e ->
                    AuthConfig.Encoding.fromCode(e)
                        .orElseThrow(() -> invalid(formId, "auth.encoding must be base64 or hex")))
            .orElse(AuthConfig.Encoding.BASE64);
    return new AuthConfig(
        type,
        header,
        encoding,
        optionalText(formId, node, "prefix").orElse(""),
        secretName,
        username,
        parameter);
  }

  private static List<String> names(Object node) {
    List<String> names = new ArrayList<>();
    Json.members(node).forEach(member -> names.add(member.getKey()));
    return names;
  }

  /** A member's value ({@code null} for JSON null), or {@link #MISSING}. */
  private static Object member(Object node, String key) {
    return Json.has(node, key) ? Json.path(node, key) : MISSING;
  }

  private static String text(String formId, Object node, String key) {
    return optionalText(formId, node, key)
        .map(v -> v.toLowerCase(Locale.ROOT))
        .orElseThrow(() -> invalid(formId, "needs \"" + key + "\""));
  }

  private static Optional<String> optionalText(String formId, Object node, String key) {
    Object value = Json.path(node, key);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof String text) || text.isBlank()) {
      throw invalid(formId, "\"" + key + "\" must be non-empty text");
    }
    return Optional.of(text);
  }

  private static FormConfigException invalid(String formId, String problem) {
    return new FormConfigException("forms/" + formId + ".json " + problem);
  }
}
