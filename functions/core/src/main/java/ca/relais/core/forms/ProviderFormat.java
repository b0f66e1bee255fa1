package ca.relais.core.forms;

import ca.relais.core.intake.BodyParser;
import ca.relais.core.intake.BodyRejectedException;
import ca.relais.core.intake.BodyRejectedException.Reason;
import ca.relais.core.intake.FormFields;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How each form tool sends its answers, read into {@link Answers}: every question by every name the
 * tool gives it, and the tool's delivery id (the same on every retry of one delivery).
 */
public enum ProviderFormat {

  /**
   * Typeform webhooks: {@code {"event_id", "form_response": {"definition": {"fields"}, "answers":
   * [{"type", "field": {"id", "ref"}, "<type>": value}], "hidden"}}}. Questions by field ref, id or
   * title; hidden fields by name.
   */
  TYPEFORM("typeform") {
    @Override
    Answers read(FormConfig config, String contentType, byte[] body)
        throws BodyRejectedException, UnexpectedPayloadException {
      JsonNode root = jsonObject(contentType, body);
      JsonNode response = root.path("form_response");
      JsonNode answers = response.path("answers");
      if (!answers.isArray()) {
        throw new UnexpectedPayloadException("form_response.answers");
      }
      Map<String, String> titles = new HashMap<>();
      collectTitles(response.path("definition").path("fields"), titles);
      Answers.Builder out = new Answers.Builder();
      for (JsonNode answer : answers) {
        String type = answer.path("type").asText("");
        JsonNode value = answer.path(type);
        List<String> values =
            switch (type) {
              case "choice" -> texts(value.has("label") ? value.get("label") : value.get("other"));
              case "choices" -> {
                List<String> labels = new ArrayList<>(texts(value.get("labels")));
                labels.addAll(texts(value.get("other")));
                yield labels;
              }
              default -> texts(value);
            };
        JsonNode field = answer.path("field");
        out.put(field.path("ref").asText(null), values);
        out.put(field.path("id").asText(null), values);
        out.put(titles.get(field.path("id").asText("")), values);
      }
      response.path("hidden").properties().forEach(h -> out.put(h.getKey(), texts(h.getValue())));
      return out.build(text(root.get("event_id")));
    }

    private void collectTitles(JsonNode fields, Map<String, String> titles) {
      for (JsonNode field : fields) {
        if (field.hasNonNull("id") && field.hasNonNull("title")) {
          titles.put(field.get("id").asText(), field.get("title").asText());
        }
        // questions inside a question group
        collectTitles(field.path("properties").path("fields"), titles);
      }
    }
  },

  /**
   * Tally webhooks: {@code {"eventId", "data": {"fields": [{"key", "label", "type", "value",
   * "options": [{"id", "text"}]}]}}}. Questions by key or label; choice ids become their text.
   */
  TALLY("tally") {
    @Override
    Answers read(FormConfig config, String contentType, byte[] body)
        throws BodyRejectedException, UnexpectedPayloadException {
      JsonNode root = jsonObject(contentType, body);
      JsonNode fields = root.path("data").path("fields");
      if (!fields.isArray()) {
        throw new UnexpectedPayloadException("data.fields");
      }
      Answers.Builder out = new Answers.Builder();
      for (JsonNode field : fields) {
        Map<String, String> options = new HashMap<>();
        for (JsonNode option : field.path("options")) {
          options.put(option.path("id").asText(), option.path("text").asText());
        }
        List<String> values = new ArrayList<>();
        for (String value : texts(field.get("value"))) {
          values.add(options.getOrDefault(value, value));
        }
        out.put(field.path("key").asText(null), values);
        out.put(field.path("label").asText(null), values);
      }
      return out.build(text(root.get("eventId")));
    }
  },

  /**
   * Jotform webhooks: {@code multipart/form-data} with {@code submissionID} and {@code rawRequest},
   * a JSON object of {@code q3_name}-style keys. Questions by key ({@code q3_nom}) or by the unique
   * name alone ({@code nom}); parts of a compound answer by path ({@code q3_nom/first}).
   */
  JOTFORM("jotform") {
    private static final Pattern QUESTION_NUMBER = Pattern.compile("^q\\d+_");

    @Override
    Answers read(FormConfig config, String contentType, byte[] body)
        throws BodyRejectedException, UnexpectedPayloadException {
      FormFields fields = formFields(contentType, body);
      List<String> raw = fields.values("rawRequest");
      if (raw.size() != 1) {
        throw new UnexpectedPayloadException("rawRequest");
      }
      JsonNode request;
      try {
        request = JSON.readTree(raw.get(0));
      } catch (IOException e) {
        throw new BodyRejectedException(Reason.MALFORMED, "rawRequest");
      }
      if (request == null || !request.isObject()) {
        throw new UnexpectedPayloadException("rawRequest");
      }
      Answers.Builder out = new Answers.Builder();
      for (Map.Entry<String, JsonNode> entry : request.properties()) {
        String key = entry.getKey();
        String name = QUESTION_NUMBER.matcher(key).replaceFirst("");
        out.put(key, texts(entry.getValue()));
        out.put(name, texts(entry.getValue()));
        if (entry.getValue().isObject()) {
          for (Map.Entry<String, JsonNode> part : entry.getValue().properties()) {
            out.put(key + "/" + part.getKey(), texts(part.getValue()));
            out.put(name + "/" + part.getKey(), texts(part.getValue()));
          }
        }
      }
      return out.build(fields.values("submissionID").stream().findFirst());
    }
  },

  /**
   * The Apps Script of the README, on a Google Form's submit trigger: {@code {"responseId",
   * "answers": {"question title": "value" or ["values"]}}}.
   */
  GOOGLE_FORMS("google-forms") {
    @Override
    Answers read(FormConfig config, String contentType, byte[] body)
        throws BodyRejectedException, UnexpectedPayloadException {
      return answersObject(jsonObject(contentType, body));
    }
  },

  /**
   * Microsoft Forms through a Power Automate flow whose HTTP action posts {@code {"responseId",
   * "answers": {"question": value}}}; a multiple-choice answer may arrive as Forms writes it, the
   * text of a JSON array ({@code ["A","B"]}).
   */
  POWER_AUTOMATE("power-automate") {
    @Override
    Answers read(FormConfig config, String contentType, byte[] body)
        throws BodyRejectedException, UnexpectedPayloadException {
      return answersObject(jsonObject(contentType, body));
    }
  },

  /**
   * KoBoToolbox REST services (JSON): flat keys with group paths ({@code grp_obs/description}),
   * {@code select_multiple} answers space-separated (map them with {@code "split": " "}), {@code
   * _uuid}. Questions by full path or by their name alone.
   */
  KOBOTOOLBOX("kobotoolbox") {
    @Override
    Answers read(FormConfig config, String contentType, byte[] body)
        throws BodyRejectedException, UnexpectedPayloadException {
      JsonNode root = jsonObject(contentType, body);
      Answers.Builder out = new Answers.Builder();
      for (Map.Entry<String, JsonNode> entry : root.properties()) {
        out.put(entry.getKey(), texts(entry.getValue()));
      }
      for (Map.Entry<String, JsonNode> entry : root.properties()) {
        String key = entry.getKey();
        out.put(key.substring(key.lastIndexOf('/') + 1), texts(entry.getValue()));
      }
      Optional<String> id = text(root.get("_uuid"));
      return out.build(id.isPresent() ? id : text(root.get("meta/instanceID")));
    }
  },

  /**
   * Any JSON: each question is a JSON Pointer ({@code /observation/texte}) or a top-level key; the
   * delivery id is at the form's {@code deliveryId} pointer, if any.
   */
  JSON_FORMAT("json") {
    @Override
    Answers read(FormConfig config, String contentType, byte[] body)
        throws BodyRejectedException, UnexpectedPayloadException {
      JsonNode root = jsonObject(contentType, body);
      Answers.Builder out = new Answers.Builder();
      for (FieldMapping mapping : config.fields()) {
        for (String question : mapping.questions()) {
          out.put(question, texts(locate(root, question)));
        }
      }
      return out.build(config.deliveryId().flatMap(p -> text(locate(root, p))));
    }

    private JsonNode locate(JsonNode root, String question) {
      return question.startsWith("/") ? root.at(question) : root.get(question);
    }
  },

  /**
   * A plain HTML form ({@code application/x-www-form-urlencoded} or {@code multipart/form-data}):
   * questions by field name; the delivery id in the form's {@code deliveryId} field, if any.
   */
  HTML("html") {
    @Override
    Answers read(FormConfig config, String contentType, byte[] body)
        throws BodyRejectedException, UnexpectedPayloadException {
      FormFields fields = formFields(contentType, body);
      Answers.Builder out = new Answers.Builder();
      for (String name : fields.names()) {
        out.put(name, fields.values(name));
      }
      return out.build(config.deliveryId().flatMap(f -> fields.values(f).stream().findFirst()));
    }
  };

  private static final ObjectMapper JSON =
      new ObjectMapper(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxNestingDepth(32).build())
                  .build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final String code;

  ProviderFormat(String code) {
    this.code = code;
  }

  /** The provider's name in form files: {@code typeform}, {@code google-forms}... */
  public String code() {
    return code;
  }

  static Optional<ProviderFormat> fromCode(String code) {
    return Arrays.stream(values()).filter(p -> p.code.equals(code)).findFirst();
  }

  static List<String> codes() {
    return Arrays.stream(values()).map(ProviderFormat::code).toList();
  }

  /**
   * Reads a delivery.
   *
   * @throws BodyRejectedException when the body is not in the encoding the provider uses
   * @throws UnexpectedPayloadException when it is, but without the provider's structure
   */
  abstract Answers read(FormConfig config, String contentType, byte[] body)
      throws BodyRejectedException, UnexpectedPayloadException;

  static JsonNode jsonObject(String contentType, byte[] body)
      throws BodyRejectedException, UnexpectedPayloadException {
    String media = mediaType(contentType);
    if (!media.equals("application/json") && !media.endsWith("+json")) {
      throw new BodyRejectedException(Reason.UNSUPPORTED_MEDIA_TYPE, "Content-Type");
    }
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      throw new BodyRejectedException(Reason.MALFORMED);
    }
    if (root == null || !root.isObject()) {
      throw new UnexpectedPayloadException("a JSON object");
    }
    return root;
  }

  static FormFields formFields(String contentType, byte[] body) throws BodyRejectedException {
    String media = mediaType(contentType);
    if (!media.equals("multipart/form-data")
        && !media.equals("application/x-www-form-urlencoded")) {
      throw new BodyRejectedException(Reason.UNSUPPORTED_MEDIA_TYPE, "Content-Type");
    }
    return BodyParser.parse(contentType, body);
  }

  static Answers answersObject(JsonNode root) throws UnexpectedPayloadException {
    JsonNode answers = root.path("answers");
    if (!answers.isObject()) {
      throw new UnexpectedPayloadException("answers");
    }
    Answers.Builder out = new Answers.Builder();
    for (Map.Entry<String, JsonNode> entry : answers.properties()) {
      out.put(entry.getKey(), textsOrJsonList(entry.getValue()));
    }
    return out.build(text(root.get("responseId")));
  }

  private static String mediaType(String contentType) {
    String type = contentType == null ? "" : contentType;
    int semicolon = type.indexOf(';');
    return (semicolon < 0 ? type : type.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
  }

  private static Optional<String> text(JsonNode node) {
    return node == null || !node.isValueNode() || node.isNull()
        ? Optional.empty()
        : Optional.of(node.asText());
  }

  /**
   * The text answers of a JSON value: a list for an array, a date for Jotform's {@code {year,
   * month, day}}, the parts of another object joined by spaces (a full name).
   */
  static List<String> texts(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return List.of();
    }
    if (value.isArray()) {
      List<String> out = new ArrayList<>();
      value.forEach(item -> out.addAll(texts(item)));
      return out;
    }
    if (value.isObject()) {
      if (value.hasNonNull("year") && value.hasNonNull("month") && value.hasNonNull("day")) {
        return List.of(
            String.format(
                    Locale.ROOT,
                    "%s-%2s-%2s",
                    value.get("year").asText().strip(),
                    value.get("month").asText().strip(),
                    value.get("day").asText().strip())
                .replace(' ', '0'));
      }
      List<String> parts = new ArrayList<>();
      value.forEach(part -> parts.addAll(texts(part)));
      String joined = String.join(" ", parts.stream().filter(p -> !p.isBlank()).toList());
      return joined.isEmpty() ? List.of() : List.of(joined);
    }
    return List.of(value.asText());
  }

  private static List<String> textsOrJsonList(JsonNode value) {
    if (value != null && value.isTextual()) {
      String text = value.asText().strip();
      if (text.startsWith("[") && text.endsWith("]")) {
        try {
          JsonNode list = JSON.readTree(text);
          if (list.isArray()) {
            return texts(list);
          }
        } catch (IOException notAList) {
          // plain text that happens to be in brackets
        }
      }
    }
    return texts(value);
  }
}
