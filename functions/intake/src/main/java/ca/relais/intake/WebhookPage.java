package ca.relais.intake;

import ca.relais.core.i18n.Messages;
import ca.relais.core.intake.ReferenceIds;
import ca.relais.core.model.Language;
import java.util.List;
import java.util.Optional;
import org.owasp.encoder.Encode;

/**
 * The pages a person sees after posting a partner's HTML form to a webhook ({@code POST
 * /forms/{formId}} with {@code Accept: text/html}): never JSON, always in the form's language, with
 * a way back to the form.
 */
final class WebhookPage {

  private WebhookPage() {}

  /**
   * A page.
   *
   * @param title the heading (already translated)
   * @param paragraphs the text, escaped here
   * @param reference a reference id to show, when it looks like one
   * @param back where the person came from ({@code Referer}), when it is a web address
   */
  static String render(
      Language language,
      String title,
      List<String> paragraphs,
      Optional<String> reference,
      Optional<String> back) {
    Messages text = Messages.of(language);
    StringBuilder html = new StringBuilder(1024);
    html.append("<!doctype html>\n<html lang=\"")
        .append(language.code())
        .append("\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>")
        .append(Encode.forHtml(title))
        .append(" · Relais</title>\n")
        .append("<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;")
        .append("padding:0 1rem;line-height:1.5}.ref{font-size:1.25rem;font-weight:bold}")
        .append(".detail{color:#555;font-size:.875rem}")
        .append(".urgent{border-left:4px solid #b00;padding-left:1rem}</style>\n</head>\n")
        .append("<body>\n<main>\n<h1>")
        .append(Encode.forHtml(title))
        .append("</h1>\n");
    for (String paragraph : paragraphs) {
      html.append("<p>").append(Encode.forHtml(paragraph)).append("</p>\n");
    }
    reference
        .filter(ReferenceIds::looksLikeId)
        .ifPresent(
            ref ->
                html.append("<p class=\"ref\">")
                    .append(Encode.forHtml(text.format("webhook.page.reference", ref)))
                    .append("</p>\n"));
    html.append("<p class=\"urgent\" role=\"note\">")
        .append(Encode.forHtml(text.format("webhook.page.emergency")))
        .append("</p>\n<p><a href=\"")
        .append(
            Encode.forHtmlAttribute(
                back.filter(WebhookPage::isWebAddress).orElse("/?lang=" + language.code())))
        .append("\">")
        .append(Encode.forHtml(text.format("webhook.page.back")))
        .append("</a></p>\n</main>\n</body>\n</html>\n");
    return html.toString();
  }

  private static boolean isWebAddress(String address) {
    return address.matches("(?i)https?://[^\\s\"'<>]{1,2000}");
  }
}
