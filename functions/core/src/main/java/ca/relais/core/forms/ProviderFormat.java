package ca.relais.core.forms;

import ca.relais.core.intake.BodyParser;
import ca.relais.core.intake.BodyRejectedException;
import ca.relais.core.intake.BodyRejectedException.Reason;
import ca.relais.core.intake.FormFields;
import ca.relais.core.intake.SubmissionValidator;
import ca.relais.core.json.Json;
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
   * title (an answer may carry only the id: ref and title come from the definition); hidden fields
   * by name. Only {@code event_type} {@code form_response} is a response: other events (a partial
   * response) are answered and not stored.
   */
  TYPEFORM("typeform") {
    @Override
    Answers read(FormConfig config, String contentType, byte[] body)
        throws BodyRejectedException, UnexpectedPayloadException, IgnoredEventException {
      Map<String, Object> root = jsonObject(contentType, body);
      String eventType = Json.text(root.get("event_type"), "form_response");
      if (!eventType.equals("form_response")) {
        throw new IgnoredEventException(eventType);
      }
      Object response = root.get("form_response");
      Object answers = Json.path(response, "answers");
      if (!(answers instanceof List)) {
        throw new UnexpectedPayloadException("form_response.answers");
      }
      Answers.Builder out = new Answers.Builder();
      Map<String, Object> definitions = new HashMap<>();
      collectFields(Json.path(response, "definition", "fields"), definitions, out);
      for (Object answer : Json.items(answers)) {
        String type = Json.text(Json.path(answer, "type"), "");
        Object value = Json.path(answer, type);
        List<String> values =
            switch (type) {
              case "choice" ->
                  texts(
                      Json.has(value, "label")
                          ? Json.path(value, "label")
                          : Json.path(value, "other"));
              case "choices" -> {
                List<String> labels = new ArrayList<>(texts(Json.path(value, "labels")));
                labels.addAll(texts(Json.path(value, "other")));
                yield labels;
              }
              default -> texts(value);
            };
        // answers may carry only the field id: its ref and title are in the definition
        String id = Json.text(Json.path(answer, "field", "id"), "");
        Object definition = definitions.get(id);
        String ref =
            Json.text(
                Json.path(answer, "field", "ref"), Json.text(Json.path(definition, "ref"), ""));
        String title = Json.text(Json.path(definition, "title"), "");
        out.put(ref, values).put(id, values).put(title, values);
        out.received(!title.isEmpty() ? title : !ref.isEmpty() ? ref : id, values);
      }
      for (String section : List.of("hidden", "variables")) {
        for (Map.Entry<String, Object> h : Json.members(Json.path(response, section))) {
          out.defines(h.getKey()).put(h.getKey(), texts(h.getValue()));
          out.received(h.getKey(), texts(h.getValue()));
        }
      }
      Json.items(Json.path(response, "definition", "hidden"))
          .forEach(h -> out.defines(Json.text(h)));
      return out.build(text(root.get("event_id")));
    }

    /** Every question of the definition (inside groups too), by id. */
    private void collectFields(
        Object fields, Map<String, Object> definitions, Answers.Builder out) {
      for (Object field : Json.items(fields)) {
        if (Json.path(field, "id") != null) {
          definitions.put(Json.text(Json.path(field, "id")), field);
        }
        out.defines(Json.text(Json.path(field, "id"), null))
            .defines(Json.text(Json.path(field, "ref"), null))
            .defines(Json.text(Json.path(field, "title"), null));
        collectFields(Json.path(field, "properties", "fields"), definitions, out);
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
        throws BodyRejectedException, UnexpectedPayloadException, IgnoredEventException {
      Map<String, Object> root = jsonObject(contentType, body);
      Object fields = Json.path(root, "data", "fields");
      if (!(fields instanceof List)) {
        throw new UnexpectedPayloadException("data.fields");
      }
      Answers.Builder out = new Answers.Builder();
      for (Object field : Json.items(fields)) {
        Map<String, String> options = new HashMap<>();
        for (Object option : Json.items(Json.path(field, "options"))) {
          options.put(Json.text(Json.path(option, "id")), Json.text(Json.path(option, "text")));
        }
        List<String> values = new ArrayList<>();
        for (String value : texts(Json.path(field, "value"))) {
          values.add(options.getOrDefault(value, value));
        }
        String key = Json.text(Json.path(field, "key"), null);
        String label = Json.text(Json.path(field, "label"), null);
        out.put(key, values).put(label, values).defines(key).defines(label);
        out.received(label != null && !label.isEmpty() ? label : key, values);
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
        throws BodyRejectedException, UnexpectedPayloadException, IgnoredEventException {
      FormFields fields = formFields(contentType, body);
      List<String> raw = fields.values("rawRequest");
      if (raw.size() != 1) {
        throw new UnexpectedPayloadException("rawRequest");
      }
      Object request;
      try {
        // an empty rawRequest is of another shape (kept for review), not unreadable
        request = Json.isBlank(raw.get(0)) ? null : Json.read(raw.get(0), MAX_NESTING_DEPTH);
      } catch (IOException e) {
        throw new BodyRejectedException(Reason.MALFORMED, "rawRequest");
      }
      if (!(request instanceof Map)) {
        throw new UnexpectedPayloadException("rawRequest");
      }
      Answers.Builder out = new Answers.Builder();
      for (Map.Entry<String, Object> entry : Json.members(request)) {
        String key = entry.getKey();
        String name = QUESTION_NUMBER.matcher(key).replaceFirst("");
        out.put(key, texts(entry.getValue()));
        out.put(name, texts(entry.getValue()));
        if (QUESTION_NUMBER.matcher(key).find()) {
          out.received(name, texts(entry.getValue()));
        }
        if (entry.getValue() instanceof Map) {
          for (Map.Entry<String, Object> part : Json.members(entry.getValue())) {
            out.put(key + "/" + part.getKey(), texts(part.getValue()));
            out.put(name + "/" + part.getKey(), texts(part.getValue()));
          }
        }
      }
      return out.build(fields.values("submissionID").stream().findFirst());
    }
  },

  /**
   * A Google Forms Apps Script on the form's submit trigger: {@code {"responseId", "answers":
   * {"question title": "value" or ["values"]}}} (the README's script), or the common community
   * shape {@code "answers": [{"itemId", "title", "type", "response"}]} (skipped questions absent).
   * Questions by title, or by item id in the array shape.
   */
  GOOGLE_FORMS("google-forms") {
    @Override
    Answers read(FormConfig config, String contentType, byte[] body)
        throws BodyRejectedException, UnexpectedPayloadException, IgnoredEventException {
      Map<String, Object> root = jsonObject(contentType, body);
      Object answers = root.get("answers");
      if (!(answers instanceof List)) {
        return answersObject(root);
      }
      Answers.Builder out = new Answers.Builder();
      for (Object item : Json.items(answers)) {
        if (!(item instanceof Map)) {
          throw new UnexpectedPayloadException("answers: [{itemId, title, response}]");
        }
        List<String> values = textsOrJsonList(Json.path(item, "response"));
        String title = Json.text(Json.path(item, "title"), null);
        out.put(title, values).put(Json.text(Json.path(item, "itemId"), null), values);
        out.received(title, values);
      }
      return out.build(text(root.get("responseId")));
    }
  },

  /**
   * Microsoft Forms through a Power Automate flow whose HTTP action posts either {@code
   * {"responseId", "answers": {"question": value}}} or the output of "Get response details" as is
   * (question ids such as {@code r1a2b3c4} at the top level, {@code responseId} a number). A
   * multiple-choice answer may arrive as Forms writes it, the text of a JSON array ({@code
   * ["A","B"]}).
   */
  POWER_AUTOMATE("power-automate") {
    @Override
    Answers read(FormConfig config, String contentType, byte[] body)
        throws BodyRejectedException, UnexpectedPayloadException, IgnoredEventException {
      Map<String, Object> root = jsonObject(contentType, body);
      if (root.get("answers") instanceof Map) {
        return answersObject(root);
      }
      Answers.Builder out = new Answers.Builder();
      for (Map.Entry<String, Object> entry : root.entrySet()) {
        String key = entry.getKey();
        List<String> values = textsOrJsonList(entry.getValue());
        out.put(key, values);
        if (!POWER_AUTOMATE_META.contains(key) && !key.startsWith("@")) {
          out.received(key, values);
        }
      }
      return out.build(text(root.get("responseId")));
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
        throws BodyRejectedException, UnexpectedPayloadException, IgnoredEventException {
      Map<String, Object> root = jsonObject(contentType, body);
      Answers.Builder out = new Answers.Builder();
      for (Map.Entry<String, Object> entry : root.entrySet()) {
        String key = entry.getKey();
        out.put(key, texts(entry.getValue()));
        if (!key.startsWith("_") && !key.startsWith("meta/") && !key.startsWith("formhub/")) {
          out.received(key, texts(entry.getValue()));
        }
      }
      for (Map.Entry<String, Object> entry : root.entrySet()) {
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
        throws BodyRejectedException, UnexpectedPayloadException, IgnoredEventException {
      Map<String, Object> root = jsonObject(contentType, body);
      Answers.Builder out = new Answers.Builder();
      for (FieldMapping mapping : config.fields()) {
        for (String question : mapping.questions()) {
          out.put(question, texts(locate(root, question)));
          out.received(question, texts(locate(root, question)));
        }
      }
      return out.build(config.deliveryId().flatMap(p -> text(locate(root, p))));
    }

    private Object locate(Map<String, Object> root, String question) {
      return question.startsWith("/") ? Json.at(root, question).orElse(null) : root.get(question);
    }
  },

  /**
   * A plain HTML form ({@code application/x-www-form-urlencoded} or {@code multipart/form-data}):
   * questions by field name; the delivery id in the form's {@code deliveryId} field, if any.
   */
  HTML("html") {
    @Override
    Answers read(FormConfig config, String contentType, byte[] body)
        throws BodyRejectedException, UnexpectedPayloadException, IgnoredEventException {
      FormFields fields = formFields(contentType, body);
      Answers.Builder out = new Answers.Builder();
      for (String name : fields.names()) {
        out.put(name, fields.values(name));
        if (!name.equals(SubmissionValidator.HONEYPOT)) {
          out.received(name, fields.values(name));
        }
      }
      return out.build(config.deliveryId().flatMap(f -> fields.values(f).stream().findFirst()));
    }
  };

  /** Deeper bodies are refused (Typeform's form definition nests about 8 deep). */
  private static final int MAX_NESTING_DEPTH = 32;

  /** Power Automate's fields of a response that are not answers. */
  private static final java.util.Set<String> POWER_AUTOMATE_META =
      java.util.Set.of("responseId", "submitDate", "responder", "responderName");

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
      throws BodyRejectedException, UnexpectedPayloadException, IgnoredEventException;

  static Map<String, Object> jsonObject(String contentType, byte[] body)
      throws BodyRejectedException, UnexpectedPayloadException {
    String media = mediaType(contentType);
    boolean json = media.equals("application/json") || media.endsWith("+json");
    Object root;
    try {
      // no value at all is an authentic delivery of another shape (kept for review), not a 400
      root = Json.isBlank(body) ? null : Json.read(body, MAX_NESTING_DEPTH);
    } catch (IOException e) {
      // a JSON body sent without its content type (a script's default) is still read
      throw json
          ? new BodyRejectedException(Reason.MALFORMED)
          : new BodyRejectedException(Reason.UNSUPPORTED_MEDIA_TYPE, "Content-Type");
    }
    if (!json && !(root instanceof Map)) {
      throw new BodyRejectedException(Reason.UNSUPPORTED_MEDIA_TYPE, "Content-Type");
    }
    return Json.object(root).orElseThrow(() -> new UnexpectedPayloadException("a JSON object"));
  }

  /**
   * A body of an unexpected shape as a person can read it: each JSON leaf by its path ({@code
   * data/answers/0}), or each form field; empty when the body reads as neither.
   */
  static List<ca.relais.core.model.ReportToReview.ReceivedAnswer> asReceived(
      String contentType, byte[] body) {
    List<ca.relais.core.model.ReportToReview.ReceivedAnswer> out = new ArrayList<>();
    try {
      String media = mediaType(contentType);
      if (media.equals("application/json") || media.endsWith("+json")) {
        leaves("", Json.read(body, MAX_NESTING_DEPTH), out);
      } else {
        FormFields fields = formFields(contentType, body);
        for (String name : fields.names()) {
          if (!fields.values(name).isEmpty()) {
            out.add(
                new ca.relais.core.model.ReportToReview.ReceivedAnswer(name, fields.values(name)));
          }
        }
      }
    } catch (IOException | BodyRejectedException | RuntimeException unreadable) {
      // nothing a person could read
    }
    return out;
  }

  private static void leaves(
      String path, Object node, List<ca.relais.core.model.ReportToReview.ReceivedAnswer> out) {
    if (node == null) {
      return;
    }
    if (node instanceof Map || node instanceof List) {
      int index = 0;
      for (Map.Entry<String, Object> entry : Json.members(node)) {
        leaves(
            path.isEmpty() ? entry.getKey() : path + "/" + entry.getKey(), entry.getValue(), out);
      }
      if (node instanceof List) {
        for (Object item : Json.items(node)) {
          leaves(path + "/" + index++, item, out);
        }
      }
      return;
    }
    out.add(
        new ca.relais.core.model.ReportToReview.ReceivedAnswer(
            path.isEmpty() ? "body" : path, List.of(Json.text(node))));
  }

  static FormFields formFields(String contentType, byte[] body) throws BodyRejectedException {
    String media = mediaType(contentType);
    if (!media.equals("multipart/form-data")
        && !media.equals("application/x-www-form-urlencoded")) {
      throw new BodyRejectedException(Reason.UNSUPPORTED_MEDIA_TYPE, "Content-Type");
    }
    return BodyParser.parse(contentType, body);
  }

  static Answers answersObject(Map<String, Object> root) throws UnexpectedPayloadException {
    Object answers = root.get("answers");
    if (!(answers instanceof Map)) {
      throw new UnexpectedPayloadException("answers");
    }
    Answers.Builder out = new Answers.Builder();
    for (Map.Entry<String, Object> entry : Json.members(answers)) {
      out.put(entry.getKey(), textsOrJsonList(entry.getValue()));
      out.received(entry.getKey(), textsOrJsonList(entry.getValue()));
    }
    return out.build(text(root.get("responseId")));
  }

  private static String mediaType(String contentType) {
    String type = contentType == null ? "" : contentType;
    int semicolon = type.indexOf(';');
    return (semicolon < 0 ? type : type.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
  }

  private static Optional<String> text(Object node) {
    return Json.isScalar(node) ? Optional.of(Json.text(node)) : Optional.empty();
  }

  /**
   * The text answers of a JSON value: a list for an array, a date for Jotform's {@code {year,
   * month, day}}, the parts of another object joined by spaces (a full name).
   */
  static List<String> texts(Object value) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof List) {
      List<String> out = new ArrayList<>();
      Json.items(value).forEach(item -> out.addAll(texts(item)));
      return out;
    }
    if (value instanceof Map) {
      Object year = Json.path(value, "year");
      Object month = Json.path(value, "month");
      Object day = Json.path(value, "day");
      if (year != null && month != null && day != null) {
        return List.of(
            String.format(
                    Locale.ROOT,
                    "%s-%2s-%2s",
                    Json.text(year).strip(),
                    Json.text(month).strip(),
                    Json.text(day).strip())
                .replace(' ', '0'));
      }
      List<String> parts = new ArrayList<>();
      Json.items(value).forEach(part -> parts.addAll(texts(part)));
      String joined = String.join(" ", parts.stream().filter(p -> !p.isBlank()).toList());
      return joined.isEmpty() ? List.of() : List.of(joined);
    }
    return List.of(Json.text(value));
  }

  static List<String> textsOrJsonList(Object value) {
    if (value instanceof String string) {
      String text = string.strip();
      if (text.startsWith("[") && text.endsWith("]")) {
        try {
          Object list = Json.read(text, MAX_NESTING_DEPTH);
          if (list instanceof List) {
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
