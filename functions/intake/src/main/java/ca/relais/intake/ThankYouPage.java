package ca.relais.intake;

import ca.relais.core.i18n.Messages;
import ca.relais.core.intake.ReferenceIds;
import ca.relais.core.model.Language;
import java.util.Optional;
import org.owasp.encoder.Encode;

/** The page a browser lands on after posting a form: the reference id and crisis resources. */
final class ThankYouPage {

  static final String PATH = "/merci";

  private ThankYouPage() {}

  /** Where a browser is sent after a successful post. */
  static String location(String id, Language language) {
    return PATH + "?id=" + id + "&lang=" + language.code();
  }

  static String render(Optional<String> id, Language language) {
    Messages text = Messages.of(language);
    StringBuilder html = new StringBuilder(1024);
    html.append("<!doctype html>\n<html lang=\"")
        .append(language.code())
        .append("\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>")
        .append(Encode.forHtml(text.format("thanks.title")))
        .append(" · Relais</title>\n")
        .append("<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;")
        .append("padding:0 1rem;line-height:1.5}.ref{font-size:1.25rem;font-weight:bold}")
        .append(
            ".urgent{border-left:4px solid #b00;padding-left:1rem}</style>\n</head>\n<body>\n<main>\n")
        .append("<h1>")
        .append(Encode.forHtml(text.format("thanks.title")))
        .append("</h1>\n<p>")
        .append(Encode.forHtml(text.format("thanks.body")))
        .append("</p>\n");
    id.filter(ReferenceIds::looksLikeId)
        .ifPresent(
            ref ->
                html.append("<p class=\"ref\">")
                    .append(Encode.forHtml(text.format("thanks.reference", ref)))
                    .append("</p>\n"));
    html.append("<p class=\"urgent\" role=\"note\">")
        .append(Encode.forHtml(text.format("thanks.emergency")))
        .append("</p>\n<p><a href=\"/?lang=")
        .append(language.code())
        .append("\">")
        .append(Encode.forHtml(text.format("thanks.back")))
        .append("</a></p>\n</main>\n</body>\n</html>\n");
    return html.toString();
  }
}
