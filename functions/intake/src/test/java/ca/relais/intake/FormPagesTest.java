package ca.relais.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.relais.core.intake.FieldError;
import ca.relais.core.intake.FormFields;
import ca.relais.core.model.Language;
import ca.relais.core.territory.TerritoryDirectory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The HTML of the landing page and the two forms, in both languages. */
class FormPagesTest {

  static final FormPages PAGES = new FormPages(TerritoryDirectory.loadDefault(), 1095, 730);
  private static final Pattern CONTROL =
      Pattern.compile("<(input|textarea)\\b([^>]*)>", Pattern.CASE_INSENSITIVE);

  private static String attribute(String attributes, String name) {
    Matcher m = Pattern.compile("\\b" + name + "=\"([^\"]*)\"").matcher(attributes);
    return m.find() ? m.group(1) : null;
  }

  /** Every visible control of a page: its attributes. */
  static List<String> controls(String html) {
    List<String> controls = new ArrayList<>();
    Matcher m = CONTROL.matcher(html);
    while (m.find()) {
      if (!"hidden".equals(attribute(m.group(2), "type"))) {
        controls.add(m.group(2));
      }
    }
    return controls;
  }

  /** The tag (with its attributes) of the control whose id is given. */
  static String control(String html, String id) {
    return controls(html).stream()
        .filter(c -> id.equals(attribute(c, "id")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no control " + id));
  }

  @Test
  void anErrorOnAnyInputTheSchemaDeclaresLinksToItsControl() {
    for (WebForm form : WebForm.values()) {
      String html = PAGES.form(form, Language.FR, "tok", FormPages.State.empty());
      for (String input : ca.relais.core.model.SubmissionSchema.inputsOf(form.type())) {
        if (input.equals("language")) {
          assertEquals("form", FormPages.anchor(form, input));
          continue;
        }
        String anchor = FormPages.anchor(form, input);
        assertTrue(html.contains("id=\"" + anchor + "\""), form + " " + input + " -> " + anchor);
      }
      // a field of the other form, or one nobody declared, links to the form
      assertEquals("form", FormPages.anchor(form, "jean@example.org"));
    }
    assertEquals("form", FormPages.anchor(WebForm.OBSERVATION, "firstName"));
    assertEquals("municipality", FormPages.anchor(WebForm.OBSERVATION, "municipality"));
  }

  @Test
  void everyControlOfBothFormsInBothLanguagesHasALabel_andThePageItsLanguage() {
    for (Language language : Language.values()) {
      for (WebForm form : WebForm.values()) {
        String html = PAGES.form(form, language, "tok", FormPages.State.empty());
        assertTrue(html.startsWith("<!doctype html>\n<html lang=\"" + language.code() + "\">"));
        assertTrue(html.contains("name=\"viewport\""));
        List<String> controls = controls(html);
        assertTrue(controls.size() >= 8, form + " has " + controls.size() + " controls");
        for (String c : controls) {
          String id = attribute(c, "id");
          assertTrue(html.contains("<label for=\"" + id + "\">"), form + " " + language + " " + id);
        }
        assertTrue(html.contains("<input type=\"hidden\" name=\"formToken\" value=\"tok\">"));
        assertTrue(html.contains("action=\"" + form.path() + "\""));
        assertTrue(html.contains("911") && html.contains("811"), "crisis lines");
        assertFalse(html.contains("{{") || html.contains("{0}"), "unfilled placeholder");
        assertFalse(html.contains("<script"), "no JavaScript");
      }
    }
  }

  @Test
  void signUpForm_rolesInAFieldset_autocomplete_honeypotHidden_retentionInYears_frAndEn() {
    String fr = PAGES.form(WebForm.SIGNUP, Language.FR, "tok", FormPages.State.empty());
    assertTrue(fr.contains("<legend>Les rôles qui vous intéressent"));
    assertTrue(fr.contains("<legend>Pour mieux vous connaître"));
    assertTrue(fr.contains("Effectuer de la vigie communautaire"));
    assertTrue(fr.contains("Être porteur d’initiatives dans la communauté"));
    assertTrue(fr.contains("supprimés automatiquement après 3 ans"));
    assertTrue(fr.contains("équipe-relais"));
    assertEquals("given-name", attribute(control(fr, "firstName"), "autocomplete"));
    assertEquals("family-name", attribute(control(fr, "lastName"), "autocomplete"));
    assertEquals("email", attribute(control(fr, "email"), "autocomplete"));
    assertEquals("tel", attribute(control(fr, "phone"), "autocomplete"));
    assertEquals("checkbox", attribute(control(fr, "roles-watch"), "type"));
    String honeypot = control(fr, "website");
    assertEquals("-1", attribute(honeypot, "tabindex"));
    assertEquals("off", attribute(honeypot, "autocomplete"));
    assertTrue(fr.contains("<div class=\"hp\" aria-hidden=\"true\"><label for=\"website\">"));
    assertTrue(fr.contains("<a href=\"/inscription?lang=en\" lang=\"en\" hreflang=\"en\">"));
    String en = PAGES.form(WebForm.SIGNUP, Language.EN, "tok", FormPages.State.empty());
    assertTrue(en.contains("deleted automatically after 3 years"));
    assertTrue(en.contains("<label for=\"firstName\">First name"));
    assertTrue(en.contains("<a href=\"/inscription?lang=fr\" lang=\"fr\" hreflang=\"fr\">"));
  }

  @Test
  void observationForm_categoriesAsRadios_municipalitySuggestions_retention() {
    String html = PAGES.form(WebForm.OBSERVATION, Language.FR, "tok", FormPages.State.empty());
    assertEquals("radio", attribute(control(html, "category-good_news"), "type"));
    assertTrue(html.contains("<legend>Ce que vous rapportez"));
    assertEquals("municipalities", attribute(control(html, "municipality"), "list"));
    assertTrue(html.contains("<option value=\"Saint-Jean-Port-Joli\"></option>"));
    assertTrue(html.contains("<option value=\"Val-des-Sources\"></option>"));
    assertFalse(html.contains("<option value=\"Asbestos\">"), "current names only");
    assertTrue(html.contains("<option value=\"Rimouski-Neigette\"></option>"));
    assertTrue(html.contains("supprimés automatiquement après 2 ans"));
    assertTrue(html.contains("811, option 2 (Info-Social)"));
  }

  @Test
  void errorsAreSummarisedAtTheTop_andNextToTheirFields_withValuesKeptAndEscaped() {
    FormFields values =
        FormFields.builder()
            .add("firstName", "<script>alert(1)</script>")
            .add("lastName", "O'Brien & \"fils\"")
            .add("email", "nope")
            .add("municipality", "Saint-Lambert")
            .add("roles", "watch")
            .add("message", "</textarea><b>gras</b>")
            .build();
    List<FieldError> errors =
        List.of(
            FieldError.of("email", "field.email"),
            FieldError.of("municipality", "territory.ambiguous", "Saint-Lambert (Longueuil)"),
            FieldError.of("consent", "signup.consent_required"));
    String html =
        PAGES.form(
            WebForm.SIGNUP,
            Language.EN,
            "tok",
            new FormPages.State(values, errors, Optional.empty()));
    assertTrue(html.contains("<title>Error: Become an éclaireur · Relais</title>"));
    assertTrue(html.contains("role=\"alert\""));
    assertTrue(
        html.contains(
            "<li><a href=\"#email\">Email: Enter a valid email address, for example"
                + " name@example.ca.</a></li>"),
        html);
    assertTrue(html.contains("<a href=\"#consent\">Your consent: We need your consent"));
    String email = control(html, "email");
    assertEquals("true", attribute(email, "aria-invalid"));
    assertEquals("email-hint email-error", attribute(email, "aria-describedby"));
    assertEquals("nope", attribute(email, "value"));
    assertTrue(html.contains("<p class=\"error-message\" id=\"email-error\">"));
    assertTrue(html.contains("Several municipalities have this name: Saint-Lambert (Longueuil)"));
    assertEquals("true", attribute(control(html, "consent"), "aria-invalid"));
    assertEquals(
        "consent-data consent-error", attribute(control(html, "consent"), "aria-describedby"));
    assertEquals(null, attribute(control(html, "firstName"), "aria-invalid"));
    // values kept, escaped
    assertFalse(html.contains("<script>alert(1)</script>"));
    assertTrue(html.contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;\""));
    assertTrue(html.contains("value=\"O&#39;Brien &amp; &quot;fils&quot;\""), html);
    assertFalse(html.contains("<b>gras</b>"));
    assertTrue(html.contains("&lt;/textarea&gt;&lt;b&gt;gras&lt;/b&gt;</textarea>"));
    assertTrue(control(html, "roles-watch").contains(" checked"));
    assertFalse(control(html, "roles-promote").contains(" checked"));
  }

  @Test
  void roleAndTerritoryWording_isTheFormsNotTheApis() {
    String html =
        PAGES.form(
            WebForm.SIGNUP,
            Language.FR,
            "tok",
            new FormPages.State(
                FormFields.builder().build(),
                List.of(
                    FieldError.of("roles", "signup.roles_required"),
                    FieldError.of("municipality", "territory.missing")),
                Optional.empty()));
    assertTrue(
        html.contains(
            "<a href=\"#roles-promote\">Les rôles qui vous intéressent : Cochez au moins un des quatre rôles.</a>"),
        html);
    assertTrue(
        html.contains(
            "id=\"roles-error\"><span class=\"hp\">Erreur : </span>Cochez au moins un des quatre rôles."));
    assertFalse(html.contains("promote, initiatives"), "no API codes shown to people");
    assertTrue(
        html.contains(
            "Votre milieu <span class=\"req\">(obligatoire : la municipalité ou la MRC)</span>"));
    assertFalse(html.contains("Municipalité <span class=\"req\">(facultatif)"));
    assertEquals("true", attribute(control(html, "roles-support"), "aria-invalid"));
  }

  @Test
  void aProblemWithTheWholeForm_isSaidAtTheTopInThePageLanguage() {
    String html =
        PAGES.form(
            WebForm.OBSERVATION,
            Language.FR,
            "tok",
            new FormPages.State(
                FormFields.builder().add("description", "Texte gardé").build(),
                List.of(),
                Optional.of(FieldError.of("formToken", "token_expired"))));
    assertTrue(
        html.contains(
            "Ce formulaire a expiré : en voici un nouveau. Vos réponses sont conservées"
                + " ci-dessous; vérifiez-les, puis envoyez de nouveau."),
        html);
    assertTrue(html.contains("Rien n’a été enregistré."));
    assertTrue(html.contains(">Texte gardé</textarea>"));
  }

  @Test
  void landingPage_linksToBothFormsInItsLanguage_andToTheOtherLanguage() {
    String fr = PAGES.landing(Language.FR);
    assertTrue(fr.contains("<html lang=\"fr\">"));
    assertTrue(fr.contains("href=\"/inscription?lang=fr\""));
    assertTrue(fr.contains("href=\"/signalement?lang=fr\""));
    assertTrue(fr.contains("href=\"/?lang=en\""));
    assertTrue(fr.contains("Qui est l’équipe-relais?"));
    String en = PAGES.landing(Language.EN);
    assertTrue(en.contains("href=\"/inscription?lang=en\""));
    assertTrue(en.contains("href=\"/signalement?lang=en\""));
    assertTrue(en.contains("href=\"/?lang=fr\" lang=\"fr\""));
  }

  @Test
  void bothFormsShowThePrivacyNotice_withTheBodyTheRightsAndWhereToWrite() {
    FormPages pages =
        new FormPages(
            TerritoryDirectory.loadDefault(),
            1095,
            730,
            ca.relais.core.privacy.PrivacyNotice.of(
                new ca.relais.core.privacy.NoticeParameters(
                    "CISSS du Bas-Saint-Laurent", "Me Anne Roy", "prp@cisss.example")));
    for (WebForm form : WebForm.values()) {
      String fr = pages.form(form, Language.FR, "tok", FormPages.State.empty());
      assertTrue(fr.contains("CISSS du Bas-Saint-Laurent"), form.name());
      assertTrue(fr.contains("Me Anne Roy"), form.name());
      assertTrue(fr.contains("Écrivez à prp@cisss.example"), form.name());
      assertTrue(fr.contains("ne nommez pas les personnes que vous observez"), form.name());
      String en = pages.form(form, Language.EN, "tok", FormPages.State.empty());
      assertTrue(en.contains("Write to prp@cisss.example"), form.name());
      assertTrue(en.contains("do not name the people you observe"), form.name());
    }
  }
}
