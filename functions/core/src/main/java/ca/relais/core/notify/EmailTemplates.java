package ca.relais.core.notify;

import ca.relais.core.model.Language;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Mustache templates of {@code /email/NAME.LANG.html.mustache} and {@code .txt.mustache}: HTML
 * with every value escaped, plain text as is; compiled once per container.
 */
public final class EmailTemplates {

  private static final Mustache.Compiler HTML =
      Mustache.compiler()
          .escapeHTML(true)
          .emptyStringIsFalse(true)
          .zeroIsFalse(true)
          .defaultValue("");
  private static final Mustache.Compiler TEXT =
      Mustache.compiler()
          .escapeHTML(false)
          .emptyStringIsFalse(true)
          .zeroIsFalse(true)
          .defaultValue("");

  private final Map<String, Template> templates = new ConcurrentHashMap<>();

  /** Renders both parts; the subject loses any line break. */
  public EmailMessage render(
      String name, Language lang, String to, String subject, Map<String, Object> model) {
    return new EmailMessage(
        to,
        subject.replaceAll("[\\r\\n\\t]+", " ").strip(),
        template(name, lang, "html", HTML).execute(model),
        template(name, lang, "txt", TEXT).execute(model));
  }

  private Template template(String name, Language lang, String kind, Mustache.Compiler compiler) {
    String path = "/email/" + name + "." + lang.code() + "." + kind + ".mustache";
    return templates.computeIfAbsent(
        path,
        p -> {
          try (InputStream in = EmailTemplates.class.getResourceAsStream(p)) {
            if (in == null) {
              throw new IllegalStateException("Missing email template " + p);
            }
            return compiler.compile(new String(in.readAllBytes(), StandardCharsets.UTF_8));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }
}
