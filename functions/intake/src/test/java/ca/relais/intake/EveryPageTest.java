package ca.relais.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.relais.core.intake.FieldError;
import ca.relais.core.intake.FormFields;
import ca.relais.core.model.Language;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What every page shares (issue 13): the thank-you and landing pages look and behave like the forms
 * (language link, data notice, style), skip links name their target, French words of English pages
 * are marked, the focus outline is visible, errors take the focus.
 */
class EveryPageTest {

  private static final FormPages PAGES = FormPagesTest.PAGES;
  private static final String ID = "S-20261123-7K3M9Q2X";

  private static Map<String, String> everyPage(Language language) {
    return Map.of(
        "landing",
        PAGES.landing(language),
        "signup",
        PAGES.form(WebForm.SIGNUP, language, "tok", FormPages.State.empty()),
        "observation",
        PAGES.form(WebForm.OBSERVATION, language, "tok", FormPages.State.empty()),
        "thanks",
        PAGES.thanks(Optional.of(ID), language),
        "thanks without id",
        PAGES.thanks(Optional.empty(), language));
  }

  @Test
  void everyPageHasTheLanguageLinkTheDataNoticeTheCrisisLinesAndTheSameStyle() {
    String style = between(PAGES.landing(Language.FR), "<style>", "</style>");
    for (Language language : Language.values()) {
      String other = language == Language.FR ? "en" : "fr";
      everyPage(language)
          .forEach(
              (name, html) -> {
                assertTrue(html.contains("<html lang=\"" + language.code() + "\">"), name);
                assertTrue(html.contains("hreflang=\"" + other + "\""), name + ": language link");
                assertTrue(html.contains("<p class=\"data\""), name + ": data notice");
                assertTrue(html.contains("911") && html.contains("811"), name + ": crisis lines");
                assertEquals(style, between(html, "<style>", "</style>"), name + ": same style");
              });
    }
  }

  @Test
  void thankYouPage_keepsTheReferenceInItsOtherLanguageLink_andNeverWrapsIt() {
    String fr = PAGES.thanks(Optional.of(ID), Language.FR);
    assertTrue(fr.contains("href=\"/merci?id=" + ID + "&lang=en\""), fr);
    assertTrue(fr.contains("<span class=\"ref-id\">" + ID + "</span>"), fr);
    assertTrue(fr.contains(".ref-id{white-space:nowrap}"));
    assertTrue(fr.contains("href=\"/?lang=fr\">Retour à l’accueil</a>"));
    assertTrue(fr.contains("après 3 ans"), "the sign-up's retention: " + fr);
    String observation = PAGES.thanks(Optional.of("O-20261123-7K3M9Q2X"), Language.EN);
    assertTrue(observation.contains("after 2 years"), observation);
    String forged = PAGES.thanks(Optional.of("<script>alert(1)</script>"), Language.FR);
    assertFalse(forged.contains("<script>"), forged);
    assertFalse(forged.contains("class=\"ref-id\""), forged);
  }

  @Test
  void landingAndThankYouSkipLinksNameTheMainContent_theFormsSkipToTheForm() {
    assertTrue(
        PAGES
            .landing(Language.FR)
            .contains("<a class=\"skip\" href=\"#main\">Aller au contenu principal</a>"));
    assertTrue(
        PAGES
            .thanks(Optional.of(ID), Language.EN)
            .contains("<a class=\"skip\" href=\"#main\">Skip to main content</a>"));
    assertTrue(
        PAGES
            .form(WebForm.SIGNUP, Language.FR, "tok", FormPages.State.empty())
            .contains("<a class=\"skip\" href=\"#main\">Aller au formulaire</a>"));
  }

  @Test
  void frenchWordsOfEnglishPagesAreMarked_frenchPagesNeedNoMarks() {
    for (Map.Entry<String, String> page : everyPage(Language.EN).entrySet()) {
      String body = between(page.getValue(), "<body>", "</body>");
      String visible = body.replaceAll("<span lang=\"fr\">[^<]*</span>", "");
      for (String word :
          List.of("éclaireur", "équipe-relais", "bon coup", "bons coups", "vigie", "Info-Social")) {
        assertFalse(
            Pattern.compile("(?<![\\p{L}<\"])" + Pattern.quote(word))
                .matcher(visible.replaceAll("<[^>]*>", " ").replaceAll("lang=\"fr\"", ""))
                .find(),
            page.getKey() + ": \"" + word + "\" is not marked lang=fr");
      }
    }
    String landing = PAGES.landing(Language.EN);
    assertTrue(landing.contains("<span lang=\"fr\">Réseau d’éclaireurs</span>"), landing);
    assertTrue(landing.contains("Become an <span lang=\"fr\">éclaireur</span>"), landing);
    String observation = PAGES.form(WebForm.OBSERVATION, Language.EN, "t", FormPages.State.empty());
    assertTrue(observation.contains("A <span lang=\"fr\">bon coup</span> (good news)"));
    assertFalse(PAGES.landing(Language.FR).contains("<span lang=\"fr\">"));
  }

  @Test
  void theFocusOutlineHasAtLeast3To1AgainstWhite() {
    String style = between(PAGES.landing(Language.FR), "<style>", "</style>");
    Matcher focus =
        Pattern.compile("a:focus[^{]*\\{[^}]*outline:3px solid #([0-9a-f]{6})").matcher(style);
    assertTrue(focus.find(), style);
    double ratio = contrast(focus.group(1), "ffffff");
    assertTrue(ratio >= 3.0, "focus outline contrast " + ratio);
    for (String control : List.of("a:focus", "input:focus", "textarea:focus", "button:focus")) {
      assertTrue(style.contains(control), control);
    }
  }

  @Test
  void afterAnErrorTheSummaryTakesTheFocus_andLinksLeaveRoomForTheLabel() {
    String html =
        PAGES.form(
            WebForm.SIGNUP,
            Language.FR,
            "tok",
            new FormPages.State(
                FormFields.builder().build(),
                List.of(FieldError.of("email", "field.email")),
                Optional.empty()));
    assertTrue(
        html.contains("id=\"error-summary\" role=\"alert\"")
            && between(html, "id=\"error-summary\"", ">").contains("autofocus"),
        html);
    assertTrue(html.contains("input,textarea{scroll-margin-top:"), "label kept in view");
  }

  @Test
  void theDateHintDescribesTheBrowsersDateField_notAFixedFormat() {
    for (Language language : Language.values()) {
      String html = PAGES.form(WebForm.OBSERVATION, language, "t", FormPages.State.empty());
      String hint = between(html, "id=\"observedOn-hint\">", "</p>");
      assertFalse(hint.contains("AAAA") || hint.contains("YYYY"), hint);
      assertTrue(html.contains("type=\"date\""));
    }
  }

  private static String between(String text, String from, String to) {
    int start = text.indexOf(from);
    assertTrue(start >= 0, "no " + from);
    int end = text.indexOf(to, start + from.length());
    return text.substring(start + from.length(), end);
  }

  /** WCAG 2.1 contrast ratio of two sRGB colours written rrggbb. */
  static double contrast(String a, String b) {
    double la = luminance(a);
    double lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  private static double luminance(String hex) {
    double[] c = new double[3];
    for (int i = 0; i < 3; i++) {
      double v = Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16) / 255.0;
      c[i] = v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  }
}
