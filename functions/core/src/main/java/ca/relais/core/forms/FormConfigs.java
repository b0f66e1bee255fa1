package ca.relais.core.forms;

import ca.relais.core.intake.SubmissionValidator;
import ca.relais.core.model.SubmissionSchema;
import ca.relais.core.model.SubmissionType;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
  private static final ObjectMapper JSON =
      new ObjectMapper(
          JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

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
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw invalid(formId, "is not valid JSON");
    }
    if (root == null || !root.isObject()) {
      throw invalid(formId, "must be a JSON object");
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
    Map<String, String> constants = constants(formId, root.get("constants"), allowed);
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

  private static Map<String, String> constants(String formId, JsonNode node, Set<String> allowed) {
    Map<String, String> constants = new LinkedHashMap<>();
    if (node == null) {
      return constants;
    }
    if (!node.isObject()) {
      throw invalid(formId, "constants must be an object");
    }
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      if (!allowed.contains(entry.getKey())) {
        throw invalid(formId, "has a constant for an unknown field \"" + entry.getKey() + "\"");
      }
      if (!entry.getValue().isValueNode() || entry.getValue().isNull()) {
        throw invalid(
            formId, "constant \"" + entry.getKey() + "\" must be text, number or boolean");
      }
      constants.put(entry.getKey(), entry.getValue().asText());
    }
    return constants;
  }

  private static List<FieldMapping> fields(
      String formId, JsonNode node, Set<String> allowed, Map<String, String> constants) {
    if (node == null || !node.isObject() || node.isEmpty()) {
      throw invalid(formId, "needs \"fields\": an object from Relais field to question");
    }
    List<FieldMapping> fields = new ArrayList<>();
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      String field = entry.getKey();
      JsonNode mapping = entry.getValue();
      if (!allowed.contains(field)) {
        throw invalid(formId, "maps an unknown Relais field \"" + field + "\"");
      }
      if (constants.containsKey(field)) {
        throw invalid(formId, "has both a question and a constant for \"" + field + "\"");
      }
      if (mapping.isTextual()) {
        fields.add(FieldMapping.of(field, mapping.asText()));
        continue;
      }
      if (!mapping.isObject()) {
        throw invalid(formId, "field \"" + field + "\" must be a question or an object");
      }
      for (String key : names(mapping)) {
        if (!Set.of("question", "values", "split", "namePart", "dateFormats").contains(key)) {
          throw invalid(formId, "field \"" + field + "\" has an unknown key \"" + key + "\"");
        }
      }
      List<String> questions = new ArrayList<>();
      JsonNode question = mapping.get("question");
      if (question != null && question.isTextual() && !question.asText().isBlank()) {
        questions.add(question.asText());
      } else if (question != null && question.isArray()) {
        question.forEach(
            q -> {
              if (!q.isTextual() || q.asText().isBlank()) {
                throw invalid(formId, "field \"" + field + "\" has a question that is not text");
              }
              questions.add(q.asText());
            });
      }
      if (questions.isEmpty()) {
        throw invalid(formId, "field \"" + field + "\" needs a \"question\"");
      }
      Map<String, String> values = new LinkedHashMap<>();
      JsonNode valueMap = mapping.get("values");
      if (valueMap != null) {
        if (!valueMap.isObject()) {
          throw invalid(formId, "field \"" + field + "\": values must be an object");
        }
        for (Map.Entry<String, JsonNode> value : valueMap.properties()) {
          if (!value.getValue().isValueNode() || value.getValue().isNull()) {
            throw invalid(formId, "field \"" + field + "\": every value must be text or boolean");
          }
          values.put(value.getKey(), value.getValue().asText());
        }
      }
      Optional<String> split =
          Optional.ofNullable(mapping.get("split")).map(JsonNode::asText).filter(s -> !s.isEmpty());
      Optional<FieldMapping.NamePart> namePart = Optional.empty();
      JsonNode part = mapping.get("namePart");
      if (part != null) {
        if (!Set.of("firstName", "lastName").contains(field)
            || !Set.of("first", "last").contains(part.asText())) {
          throw invalid(
              formId,
              "field \""
                  + field
                  + "\": namePart is \"first\" or \"last\", for firstName or lastName");
        }
        namePart =
            Optional.of(
                part.asText().equals("first")
                    ? FieldMapping.NamePart.FIRST
                    : FieldMapping.NamePart.LAST);
      }
      List<String> dateFormats = new ArrayList<>();
      JsonNode formats = mapping.get("dateFormats");
      if (formats != null) {
        if (!FieldMapping.DATE_FIELDS.contains(field) || !formats.isArray()) {
          throw invalid(
              formId,
              "field \"" + field + "\": dateFormats is a list of patterns, for a date field");
        }
        for (JsonNode format : formats) {
          try {
            FieldMapping.formatter(format.asText());
          } catch (IllegalArgumentException badPattern) {
            throw invalid(
                formId,
                "field \"" + field + "\": \"" + format.asText() + "\" is not a date pattern");
          }
          dateFormats.add(format.asText());
        }
      }
      fields.add(new FieldMapping(field, questions, values, split, namePart, dateFormats));
    }
    return fields;
  }

  private static AuthConfig auth(String formId, JsonNode node) {
    if (node == null || !node.isObject()) {
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

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static String text(String formId, JsonNode node, String key) {
    return optionalText(formId, node, key)
        .map(v -> v.toLowerCase(Locale.ROOT))
        .orElseThrow(() -> invalid(formId, "needs \"" + key + "\""));
  }

  private static Optional<String> optionalText(String formId, JsonNode node, String key) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isTextual() || value.asText().isBlank()) {
      throw invalid(formId, "\"" + key + "\" must be non-empty text");
    }
    return Optional.of(value.asText());
  }

  private static FormConfigException invalid(String formId, String problem) {
    return new FormConfigException("forms/" + formId + ".json " + problem);
  }
}
