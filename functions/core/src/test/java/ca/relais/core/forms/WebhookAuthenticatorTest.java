package ca.relais.core.forms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.relais.core.forms.WebhookAuthenticator.Result;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookAuthenticatorTest {

  private static final byte[] BODY =
      "{\"event_id\":\"e1\",\"answers\":\"été\"}".getBytes(StandardCharsets.UTF_8);
  private static final WebhookAuthenticator AUTH =
      new WebhookAuthenticator(
          FormSecrets.parse(
              Optional.of(
                  "{\"tf\": [\"current-secret\", \"previous-secret\"], \"single\": \"only-one\"}")));

  private static AuthConfig hmac(String header, AuthConfig.Encoding encoding, String prefix) {
    return new AuthConfig(
        AuthConfig.Type.HMAC_SHA256,
        Optional.of(header),
        encoding,
        prefix,
        Optional.of("tf"),
        Optional.empty(),
        Optional.empty());
  }

  private static String base64Hmac(String secret, byte[] body) {
    return Base64.getEncoder()
        .encodeToString(
            WebhookAuthenticator.hmacSha256(secret.getBytes(StandardCharsets.UTF_8), body));
  }

  private static Result check(AuthConfig auth, byte[] body, Map<String, String> headers) {
    return AUTH.check(
        "form",
        auth,
        body,
        name ->
            headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst(),
        name -> Optional.empty());
  }

  @Test
  void typeformStyleSignature_withPrefixAndBase64_isAccepted() {
    AuthConfig auth = hmac("Typeform-Signature", AuthConfig.Encoding.BASE64, "sha256=");
    Result result =
        check(
            auth,
            BODY,
            Map.of("typeform-signature", "sha256=" + base64Hmac("current-secret", BODY)));
    assertInstanceOf(Result.Accepted.class, result);
  }

  @Test
  void signatureOfThePreviousSecret_isAcceptedDuringRotation() {
    AuthConfig auth = hmac("Tally-Signature", AuthConfig.Encoding.BASE64, "");
    assertInstanceOf(
        Result.Accepted.class,
        check(auth, BODY, Map.of("Tally-Signature", base64Hmac("previous-secret", BODY))));
    assertInstanceOf(
        Result.Invalid.class,
        check(auth, BODY, Map.of("Tally-Signature", base64Hmac("retired-secret", BODY))));
  }

  @Test
  void hexSignature_isAcceptedInEitherCase_andBase64IsNotHex() {
    AuthConfig auth = hmac("X-Signature-256", AuthConfig.Encoding.HEX, "sha256=");
    String hex =
        HexFormat.of()
            .formatHex(
                WebhookAuthenticator.hmacSha256(
                    "current-secret".getBytes(StandardCharsets.UTF_8), BODY));
    assertInstanceOf(
        Result.Accepted.class, check(auth, BODY, Map.of("X-Signature-256", "sha256=" + hex)));
    assertInstanceOf(
        Result.Accepted.class,
        check(auth, BODY, Map.of("X-Signature-256", "sha256=" + hex.toUpperCase())));
    assertInstanceOf(
        Result.Invalid.class,
        check(
            auth, BODY, Map.of("X-Signature-256", "sha256=" + base64Hmac("current-secret", BODY))));
  }

  @Test
  void signatureOfOtherBytes_orWithoutItsPrefix_orTruncated_isForged() {
    AuthConfig auth = hmac("Typeform-Signature", AuthConfig.Encoding.BASE64, "sha256=");
    byte[] other = "{\"event_id\":\"e1\",\"answers\":\"ete\"}".getBytes(StandardCharsets.UTF_8);
    String good = base64Hmac("current-secret", BODY);
    assertInstanceOf(
        Result.Invalid.class, check(auth, other, Map.of("Typeform-Signature", "sha256=" + good)));
    assertInstanceOf(Result.Invalid.class, check(auth, BODY, Map.of("Typeform-Signature", good)));
    byte[] raw = Base64.getDecoder().decode(good);
    byte[] shorter = java.util.Arrays.copyOf(raw, raw.length - 1);
    assertInstanceOf(
        Result.Invalid.class,
        check(
            auth,
            BODY,
            Map.of("Typeform-Signature", "sha256=" + Base64.getEncoder().encodeToString(shorter))));
    assertInstanceOf(
        Result.Invalid.class,
        check(auth, BODY, Map.of("Typeform-Signature", "sha256=%%%not-base64")));
  }

  @Test
  void missingOrBlankHeader_isMissing_andNamesTheHeader() {
    AuthConfig auth = hmac("Typeform-Signature", AuthConfig.Encoding.BASE64, "sha256=");
    Result missing = check(auth, BODY, Map.of());
    assertEquals(new Result.Missing("Typeform-Signature"), missing);
    assertEquals(
        new Result.Missing("Typeform-Signature"),
        check(auth, BODY, Map.of("Typeform-Signature", " ")));
  }

  @Test
  void secretHeader_acceptsEitherSecretOfTheList_andNothingElse() {
    AuthConfig auth =
        new AuthConfig(
            AuthConfig.Type.SECRET_HEADER,
            Optional.of("X-Relais-Secret"),
            AuthConfig.Encoding.BASE64,
            "",
            Optional.of("single"),
            Optional.empty(),
            Optional.empty());
    assertInstanceOf(
        Result.Accepted.class, check(auth, BODY, Map.of("X-Relais-Secret", "only-one")));
    assertInstanceOf(Result.Invalid.class, check(auth, BODY, Map.of("X-Relais-Secret", "only-on")));
    assertInstanceOf(
        Result.Invalid.class, check(auth, BODY, Map.of("X-Relais-Secret", "only-one-more")));
  }

  @Test
  void basicAuth_needsTheUserAndOneOfTheSecrets() {
    AuthConfig auth =
        new AuthConfig(
            AuthConfig.Type.BASIC,
            Optional.empty(),
            AuthConfig.Encoding.BASE64,
            "",
            Optional.of("tf"),
            Optional.of("kobo"),
            Optional.empty());
    String good = Base64.getEncoder().encodeToString("kobo:previous-secret".getBytes());
    String wrongUser = Base64.getEncoder().encodeToString("admin:previous-secret".getBytes());
    assertInstanceOf(
        Result.Accepted.class, check(auth, BODY, Map.of("Authorization", "Basic " + good)));
    assertInstanceOf(
        Result.Invalid.class, check(auth, BODY, Map.of("Authorization", "Basic " + wrongUser)));
    assertInstanceOf(
        Result.Invalid.class, check(auth, BODY, Map.of("Authorization", "Bearer " + good)));
    assertEquals(new Result.Missing("Authorization"), check(auth, BODY, Map.of()));
  }

  @Test
  void secretQueryParameter_isReadFromTheQuery() {
    AuthConfig auth =
        new AuthConfig(
            AuthConfig.Type.SECRET_QUERY,
            Optional.empty(),
            AuthConfig.Encoding.BASE64,
            "",
            Optional.of("single"),
            Optional.empty(),
            Optional.of("key"));
    assertInstanceOf(
        Result.Accepted.class,
        AUTH.check(
            "f",
            auth,
            BODY,
            h -> Optional.of("only-one"),
            q -> q.equals("key") ? Optional.of("only-one") : Optional.empty()));
    assertEquals(
        new Result.Missing("key"),
        AUTH.check("f", auth, BODY, h -> Optional.of("only-one"), q -> Optional.empty()));
  }

  @Test
  void aFormWhoseSecretIsNotConfigured_acceptsNothing() {
    AuthConfig auth =
        new AuthConfig(
            AuthConfig.Type.SECRET_HEADER,
            Optional.of("X-Relais-Secret"),
            AuthConfig.Encoding.BASE64,
            "",
            Optional.of("not-in-form-secrets"),
            Optional.empty(),
            Optional.empty());
    assertInstanceOf(Result.Missing.class, check(auth, BODY, Map.of("X-Relais-Secret", "")));
    assertInstanceOf(Result.Invalid.class, check(auth, BODY, Map.of("X-Relais-Secret", "x")));
    assertInstanceOf(
        Result.Invalid.class, check(auth, BODY, Map.of("X-Relais-Secret", "only-one")));
  }

  @Test
  void formWithoutAuth_acceptsEverything() {
    assertInstanceOf(Result.Accepted.class, check(AuthConfig.none(), BODY, Map.of()));
  }

  @Test
  void comparisonsAreConstantTime_throughMessageDigestIsEqual() throws Exception {
    // Timing cannot be measured reliably in a unit test; this pins the implementation instead:
    // every comparison of the authenticator goes through MessageDigest.isEqual, never equals().
    String source =
        java.nio.file.Files.readString(
            java.nio.file.Path.of("src/main/java/ca/relais/core/forms/WebhookAuthenticator.java"));
    assertTrue(source.contains("MessageDigest.isEqual"));
    assertTrue(!source.contains(".equals(") && !source.contains("Arrays.equals"), source);
  }

  @Test
  void formSecretsThatAreNotJson_failFast_withoutQuotingTheValue() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> FormSecrets.parse(Optional.of("hunter2{")));
    assertTrue(!e.getMessage().contains("hunter2"));
    assertThrows(IllegalStateException.class, () -> FormSecrets.parse(Optional.of("{\"a\": [1]}")));
    assertEquals(0, FormSecrets.parse(Optional.empty()).named("a").size());
    assertTrue(
        !FormSecrets.parse(Optional.of("{\"a\": \"s3cret\"}")).toString().contains("s3cret"));
  }
}
