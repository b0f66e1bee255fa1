package ca.relais.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ca.relais.local.LocalStack;
import ca.relais.local.RepositoryRoot;
import ca.relais.local.emulator.SesInbox.CapturedEmail;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A real browser (Debian's headless Chromium, driven by its chromedriver) on the web forms of the
 * shared local stack: fill, submit with errors, correct, land on the thank-you page, find the
 * record in DynamoDB and the alerts in the SES emulator's inbox. In French (by the browser's
 * Accept-Language) and English (by the page's link), with JavaScript enabled and disabled.
 * Screenshots go to {@code infrastructure/local/target/screenshots/}.
 *
 * <p>Skipped when Chromium or chromedriver is missing: {@code sudo apt-get install -y chromium
 * chromium-driver} (CI installs them). The network stays closed: the driver path and the browser
 * binary are given (no Selenium Manager download) and Chromium's background services are off.
 *
 * <p>With JavaScript enabled, axe-core (npm, pinned in {@code infrastructure/local/accessibility},
 * installed by the build) checks every page against all its rules (WCAG 2.1 A and AA, best
 * practices) and the test asserts zero violations; the test also checks that the error summary
 * takes the focus and that its links leave the field's label and message in view on a phone-sized
 * window.
 */
class BrowserFormsIT {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private static LocalStack stack;
  private static StoredItems table;
  private static Path screenshots;
  private static String axe;

  @BeforeAll
  static void browserAndStack() throws IOException {
    assumeTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "The browser test needs Chromium and its driver at /usr/bin/chromium and"
            + " /usr/bin/chromedriver: sudo apt-get install -y chromium chromium-driver"
            + " (.ci/run installs them)");
    stack = SharedLocalStack.get();
    table = new StoredItems(stack);
    screenshots = RepositoryRoot.path().resolve("infrastructure/local/target/screenshots");
    Files.createDirectories(screenshots);
    Path axeScript =
        RepositoryRoot.path()
            .resolve("infrastructure/local/accessibility/node_modules/axe-core/axe.min.js");
    assertTrue(
        Files.isReadable(axeScript),
        axeScript
            + " is missing: the build installs it (npm ci in infrastructure/local/accessibility)");
    axe = Files.readString(axeScript);
  }

  private static WebDriver browser(String acceptLanguage, boolean javascript, Path profile) {
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-default-apps",
        "--disable-extensions",
        "--user-data-dir=" + profile,
        "--window-size=430,3200");
    Map<String, Object> prefs = new HashMap<>();
    prefs.put("intl.accept_languages", acceptLanguage);
    if (!javascript) {
      prefs.put("profile.managed_default_content_settings.javascript", 2);
    }
    options.setExperimentalOption("prefs", prefs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    WebDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    return driver;
  }

  @ParameterizedTest(name = "{0}, JavaScript {1}")
  @CsvSource({"fr, true", "fr, false", "en, true", "en, false"})
  void signUpAndObservation_inARealBrowser(String lang, boolean javascript) throws Exception {
    Path profile = Files.createTempDirectory("relais-chromium-");
    String js = javascript ? "js" : "nojs";
    String base = stack.gatewayEndpoint().toString().replaceAll("/$", "");
    boolean fr = lang.equals("fr");
    // a French-speaking browser: English is chosen through the pages' language link
    WebDriver driver = browser("fr-CA,fr", javascript, profile);
    try {
      // The setting really holds: a page's script runs only with JavaScript enabled.
      driver.get("data:text/html,<title>off</title><script>document.title='on'</script>");
      assertEquals(javascript ? "on" : "off", driver.getTitle(), "JavaScript setting");

      // Landing page: French by Accept-Language; English through the language link.
      driver.get(base + "/");
      assertEquals("fr", htmlLang(driver));
      if (!fr) {
        driver.findElement(By.cssSelector("header nav a[hreflang='en']")).click();
        await(() -> "en".equals(htmlLang(driver)), "the English landing page");
      }
      screenshot(driver, "landing-" + lang + "-" + js);
      assertAccessible(driver, javascript, "landing");

      // The sign-up form, first with mistakes.
      driver.findElement(By.cssSelector("a.button-link[href^='/inscription']")).click();
      await(() -> driver.getCurrentUrl().contains("/inscription"), "the sign-up form");
      assertEquals(lang, htmlLang(driver));
      assertAccessible(driver, javascript, "sign-up form");
      type(driver, "firstName", "<b>Zoé</b>");
      type(driver, "lastName", "Tremblay-Côté");
      type(driver, "email", "pas-un-courriel");
      type(driver, "municipality", "Rimouski");
      submitAfterFillTime(driver);
      await(() -> !driver.findElements(By.id("error-summary")).isEmpty(), "the error summary");
      WebElement summary = driver.findElement(By.id("error-summary"));
      assertEquals("alert", summary.getAttribute("role"));
      assertTrue(
          summary
              .getText()
              .contains(fr ? "Le formulaire contient des erreurs" : "There is a problem"),
          summary.getText());
      WebElement email = driver.findElement(By.id("email"));
      assertEquals("true", email.getAttribute("aria-invalid"));
      assertTrue(email.getAttribute("aria-describedby").contains("email-error"));
      assertTrue(
          driver
              .findElement(By.id("email-error"))
              .getText()
              .contains(fr ? "Entrez une adresse courriel valide" : "Enter a valid email address"));
      assertTrue(driver.findElement(By.id("roles-error")).isDisplayed());
      assertTrue(driver.findElement(By.id("consent-error")).isDisplayed());
      assertEquals("<b>Zoé</b>", driver.findElement(By.id("firstName")).getAttribute("value"));
      assertEquals("Rimouski", driver.findElement(By.id("municipality")).getAttribute("value"));
      assertTrue(driver.findElements(By.cssSelector("main b")).isEmpty(), "no injected markup");
      screenshot(driver, "signup-errors-" + lang + "-" + js);
      assertAccessible(driver, javascript, "sign-up form with errors");
      if (javascript) {
        assertEquals(
            "error-summary",
            driver.switchTo().activeElement().getAttribute("id"),
            "after an error, the focus is on the error summary");
        assertSummaryLinksKeepLabelAndMessageInView(driver);
      }

      // Corrected and sent.
      String address = "zoe." + lang + "." + js + "@example.org";
      type(driver, "firstName", "Zoé");
      type(driver, "email", address);
      driver.findElement(By.id("roles-watch")).click();
      driver.findElement(By.id("roles-support")).click();
      driver.findElement(By.id("consent")).click();
      screenshot(driver, "signup-filled-" + lang + "-" + js);
      submitAfterFillTime(driver);
      String signUpId = thankYou(driver, "S-", lang);
      screenshot(driver, "signup-thanks-" + lang + "-" + js);
      assertAccessible(driver, javascript, "thank-you page");
      Map<String, AttributeValue> signUp = table.submission(signUpId);
      assertEquals("Zoé", signUp.get("firstName").s());
      assertEquals(address, signUp.get("email").s());
      assertEquals(lang, signUp.get("language").s());
      assertEquals("100", signUp.get("mrcCode").s());
      List<CapturedEmail> signUpEmails = awaitEmails(signUpId, address);
      assertTrue(
          signUpEmails.stream().anyMatch(e -> e.to().contains(address)),
          "the citizen's confirmation");

      // An observation with signs of distress.
      driver.get(base + "/signalement" + (fr ? "" : "?lang=en"));
      assertEquals(lang, htmlLang(driver));
      assertAccessible(driver, javascript, "observation form");
      driver.findElement(By.id("category-need")).click();
      type(
          driver,
          "description",
          fr
              ? "Une aînée isolée ne sort plus depuis deux semaines."
              : "An isolated older woman has not gone out for two weeks.");
      driver.findElement(By.id("distress")).click();
      type(driver, "municipality", "Rimouski");
      String reporter = "eclaireur." + lang + "." + js + "@example.org";
      type(driver, "reporterEmail", reporter);
      screenshot(driver, "observation-filled-" + lang + "-" + js);
      submitAfterFillTime(driver);
      String observationId = thankYou(driver, "O-", lang);
      Map<String, AttributeValue> observation = table.submission(observationId);
      assertEquals(reporter, observation.get("reporterEmail").s());
      assertTrue(observation.get("distress").bool());
      List<CapturedEmail> alerts = awaitEmails(observationId, null);
      assertTrue(
          alerts.stream().anyMatch(e -> e.subject().contains("URGENT")),
          "a distress observation is urgent");
    } finally {
      driver.quit();
      deleteQuietly(profile);
    }
  }

  /**
   * Runs axe-core on the page (every rule it runs by default: WCAG 2.0/2.1 A and AA and best
   * practices) and asserts zero violations, listing each one's rule and elements otherwise. Only
   * with JavaScript enabled: the pages themselves have no script.
   */
  private static void assertAccessible(WebDriver driver, boolean javascript, String page) {
    if (!javascript) {
      return;
    }
    JavascriptExecutor js = (JavascriptExecutor) driver;
    js.executeScript(axe);
    Object violations =
        js.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']})"
                + ".then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): '"
                + " + v.nodes.map(n => n.target.join(' ')).join(', ')).join('\\n')))"
                + ".catch(e => done('axe failed: ' + e));");
    assertEquals("", violations, "axe-core on the " + page + " (" + htmlLang(driver) + ")");
  }

  /**
   * On a phone-sized window, each link of the error summary moves the focus to its field and leaves
   * the field's label (or legend) and its error message in view.
   */
  private static void assertSummaryLinksKeepLabelAndMessageInView(WebDriver driver) {
    Dimension before = driver.manage().window().getSize();
    driver.manage().window().setSize(new Dimension(430, 700));
    try {
      List<WebElement> links = driver.findElements(By.cssSelector("#error-summary a"));
      assertTrue(links.size() >= 3, "summary links: " + links.size());
      for (int i = 0; i < links.size(); i++) {
        WebElement link = driver.findElements(By.cssSelector("#error-summary a")).get(i);
        String target = link.getAttribute("href").replaceAll(".*#", "");
        ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
        link.click();
        await(
            () -> target.equals(driver.switchTo().activeElement().getAttribute("id")),
            "the focus on " + target);
        Object inView =
            ((JavascriptExecutor) driver)
                .executeScript(
                    "const field = document.getElementById(arguments[0]);"
                        + "const group = field.closest('fieldset.invalid, div.field');"
                        + "const label = group.matches('fieldset') ? group.querySelector('legend')"
                        + " : group.querySelector('label');"
                        + "const message = group.querySelector('.error-message');"
                        + "const seen = e => { const r = e.getBoundingClientRect();"
                        + " return r.top >= 0 && r.bottom <= window.innerHeight; };"
                        + "return seen(label) && seen(message) && seen(field);",
                    target);
        assertEquals(Boolean.TRUE, inView, "label, message and field of " + target + " in view");
      }
    } finally {
      driver.manage().window().setSize(before);
    }
  }

  private static String htmlLang(WebDriver driver) {
    return driver.findElement(By.tagName("html")).getAttribute("lang");
  }

  private static void type(WebDriver driver, String id, String text) {
    WebElement field = driver.findElement(By.id(id));
    field.clear();
    field.sendKeys(text);
  }

  /** A person takes a moment: the stack refuses a form posted within 1 s of being shown. */
  private static void submitAfterFillTime(WebDriver driver) throws InterruptedException {
    Thread.sleep(WebFormsIT.MIN_FILL_MILLIS + 300);
    driver.findElement(By.cssSelector("form#form button[type=submit]")).click();
  }

  /** On the thank-you page: the reference id shown, in the page's language. */
  private static String thankYou(WebDriver driver, String prefix, String lang) {
    await(() -> driver.getCurrentUrl().contains("/merci?id="), "the thank-you page");
    String url = driver.getCurrentUrl();
    String id = url.replaceAll(".*[?&]id=([^&]+).*", "$1");
    assertTrue(id.startsWith(prefix), url);
    assertTrue(url.endsWith("lang=" + lang), url);
    assertEquals(lang, htmlLang(driver));
    assertTrue(driver.findElement(By.tagName("main")).getText().contains(id), "id shown");
    return id;
  }

  /** The emails of a submission once an agent's alert arrived (and the citizen's, when given). */
  private static List<CapturedEmail> awaitEmails(String id, String citizen)
      throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    List<CapturedEmail> found = List.of();
    while (System.nanoTime() < deadline) {
      found = stack.inbox().emails().stream().filter(e -> e.subject().contains(id)).toList();
      boolean agent = found.stream().anyMatch(e -> citizen == null || !e.to().contains(citizen));
      boolean confirmation =
          citizen == null || found.stream().anyMatch(e -> e.to().contains(citizen));
      if (agent && confirmation) {
        return found;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("No alert for " + id + " in the SES inbox: " + found);
  }

  private static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what);
      }
    }
    throw new AssertionError("Timed out waiting for " + what);
  }

  private static void screenshot(WebDriver driver, String name) throws IOException {
    byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
    Files.write(screenshots.resolve(name + ".png"), png);
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary profile left behind is harmless
    }
  }
}
