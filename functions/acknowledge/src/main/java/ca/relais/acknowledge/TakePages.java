package ca.relais.acknowledge;

import ca.relais.aws.http.HttpApiResponse;
import ca.relais.core.followup.TakeService.Page;
import ca.relais.core.followup.Taken;
import ca.relais.core.i18n.Messages;
import ca.relais.core.model.Language;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The bilingual pages of the take link (French first), from {@code /page/take.html.mustache}. */
final class TakePages {

  private static final ZoneId QUEBEC = ZoneId.of("America/Toronto");
  private static final Template PAGE = compile();

  HttpApiResponse render(Page page) {
    if (page instanceof Page.Open open) {
      return respond(200, open.submissionId(), open.token(), null, null);
    }
    if (page instanceof Page.Done done) {
      return respond(200, done.submissionId(), null, "take.done", done.taken());
    }
    if (page instanceof Page.AlreadyTaken taken) {
      return respond(200, taken.submissionId(), null, "take.already", taken.taken());
    }
    if (page instanceof Page.Expired) {
      return respond(410, null, null, "take.expired", null);
    }
    if (page instanceof Page.Missing) {
      return respond(404, null, null, "take.missing", null);
    }
    return respond(400, null, null, "take.invalid", null);
  }

  HttpApiResponse methodNotAllowed() {
    return HttpApiResponse.builder()
        .withStatusCode(405)
        .withHeaders(Map.of("Allow", "GET, POST", "Cache-Control", "no-store"))
        .build();
  }

  HttpApiResponse unavailable() {
    return respond(503, null, null, "take.unavailable", null);
  }

  private HttpApiResponse respond(
      int status, String submissionId, String token, String messageKey, Taken taken) {
    Map<String, Object> model = new HashMap<>();
    model.put("token", token == null ? "" : token);
    List<Map<String, Object>> parts = new ArrayList<>();
    for (Language lang : List.of(Language.FR, Language.EN)) {
      Messages text = Messages.of(lang);
      Map<String, Object> part = new HashMap<>();
      part.put("lang", lang.code());
      part.put("title", text.format("take.title"));
      part.put(
          "reference", submissionId == null ? "" : text.format("take.reference", submissionId));
      part.put("question", token == null ? "" : text.format("take.question"));
      part.put("button", text.format("take.button"));
      part.put(
          "message",
          messageKey == null
              ? ""
              : taken == null
                  ? text.format(messageKey)
                  : text.format(messageKey, who(taken, text), when(taken, lang)));
      parts.add(part);
    }
    model.put("parts", parts);
    model.put("title", Messages.of(Language.FR).format("take.title"));
    model.put("button", token == null ? "" : "x");
    return HttpApiResponse.builder()
        .withStatusCode(status)
        .withHeaders(AcknowledgeHandler.HEADERS)
        .withBody(PAGE.execute(model))
        .build();
  }

  private static String who(Taken taken, Messages text) {
    if (taken.byName().isBlank()) {
      return text.format("take.unknown_agent");
    }
    return taken.byEmail().isBlank()
        ? taken.byName()
        : taken.byName() + " (" + taken.byEmail() + ")";
  }

  private static String when(Taken taken, Language lang) {
    return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
        .withLocale(lang.locale())
        .withZone(QUEBEC)
        .format(taken.at());
  }

  private static Template compile() {
    try (InputStream in = TakePages.class.getResourceAsStream("/page/take.html.mustache")) {
      if (in == null) {
        throw new IllegalStateException("Missing /page/take.html.mustache");
      }
      return Mustache.compiler()
          .escapeHTML(true)
          .emptyStringIsFalse(true)
          .defaultValue("")
          .compile(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
