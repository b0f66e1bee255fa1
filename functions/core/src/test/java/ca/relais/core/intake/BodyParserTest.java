package ca.relais.core.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.relais.core.intake.BodyRejectedException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BodyParserTest {

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void readsJsonObjectWithArraysBooleansAndAccents() throws Exception {
    FormFields fields =
        BodyParser.parse(
            "application/json; charset=utf-8",
            utf8(
                "{\"firstName\":\"Marie-Ève\",\"roles\":[\"watch\",\"support\"],\"consent\":true,\"phone\":null}"));
    assertEquals(List.of("Marie-Ève"), fields.values("firstName"));
    assertEquals(List.of("watch", "support"), fields.values("roles"));
    assertEquals(List.of("true"), fields.values("consent"));
    assertEquals(List.of(), fields.values("phone"));
  }

  @Test
  void readsUrlEncodedWithRepeatedFieldsAndPlusAsSpace() throws Exception {
    FormFields fields =
        BodyParser.parse(
            "application/x-www-form-urlencoded",
            utf8(
                "municipality=saint+jean+port+joli&roles=watch&roles=promote&lastName=C%C3%B4t%C3%A9"));
    assertEquals(List.of("saint jean port joli"), fields.values("municipality"));
    assertEquals(List.of("watch", "promote"), fields.values("roles"));
    assertEquals(List.of("Côté"), fields.values("lastName"));
  }

  @Test
  void readsUrlEncodedInDeclaredLatin1Charset() throws Exception {
    FormFields fields =
        BodyParser.parse(
            "application/x-www-form-urlencoded; charset=ISO-8859-1", utf8("lastName=C%F4t%E9"));
    assertEquals(List.of("Côté"), fields.values("lastName"));
  }

  @Test
  void readsMultipartFormFields() throws Exception {
    String body =
        "--XyZ\r\nContent-Disposition: form-data; name=\"firstName\"\r\n\r\nMarie-Ève\r\n"
            + "--XyZ\r\nContent-Disposition: form-data; name=\"roles\"\r\n\r\nwatch\r\n"
            + "--XyZ\r\nContent-Disposition: form-data; name=\"roles\"\r\n\r\nsupport\r\n"
            + "--XyZ--\r\n";
    FormFields fields = BodyParser.parse("multipart/form-data; boundary=XyZ", utf8(body));
    assertEquals(List.of("Marie-Ève"), fields.values("firstName"));
    assertEquals(List.of("watch", "support"), fields.values("roles"));
  }

  @Test
  void skipsFileParts_emptyFileInputsAndRealFiles_keepingTheTextFields()
      throws BodyRejectedException {
    String body =
        "--b\r\nContent-Disposition: form-data; name=\"firstName\"\r\n\r\nJean\r\n"
            // what a browser sends for a file input left empty
            + "--b\r\nContent-Disposition: form-data; name=\"piece_jointe\"; filename=\"\"\r\n"
            + "Content-Type: application/octet-stream\r\n\r\n\r\n"
            // a real file that no form reads
            + "--b\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"x.png\"\r\n"
            + "Content-Type: image/png\r\n\r\n\u0089PNG\r\n\u001a\n\r\n"
            // a file input named like a text field: still a file, still skipped
            + "--b\r\nContent-Disposition: form-data; name=\"lastName\"; filename=\"nom.txt\"\r\n"
            + "Content-Type: text/plain\r\n\r\nPirate\r\n"
            + "--b\r\nContent-Disposition: form-data; name=\"lastName\"\r\n\r\nTremblay\r\n"
            + "--b--\r\n";
    FormFields fields = BodyParser.parse("multipart/form-data; boundary=b", utf8(body));
    assertEquals(Set.of("firstName", "lastName"), fields.names());
    assertEquals(List.of("Jean"), fields.values("firstName"));
    assertEquals(List.of("Tremblay"), fields.values("lastName"));
  }

  @Test
  void rejectsMultipartWithoutBoundary() {
    BodyRejectedException e =
        assertThrows(
            BodyRejectedException.class,
            () -> BodyParser.parse("multipart/form-data", utf8("--x\r\n")));
    assertEquals(Reason.MALFORMED, e.reason());
  }

  @Test
  void rejectsOtherContentTypes_as415() {
    for (String type : List.of("text/plain", "application/xml", "image/png", "garbage")) {
      BodyRejectedException e =
          assertThrows(BodyRejectedException.class, () -> BodyParser.parse(type, utf8("x")));
      assertEquals(Reason.UNSUPPORTED_MEDIA_TYPE, e.reason(), type);
    }
  }

  @Test
  void rejectsMalformedJsonAndTrailingGarbage() {
    for (String json : List.of("{", "{\"a\":1}}", "{\"a\":1} x", "", "nul")) {
      BodyRejectedException e =
          assertThrows(
              BodyRejectedException.class, () -> BodyParser.parse("application/json", utf8(json)));
      assertTrue(e.reason() == Reason.MALFORMED || e.reason() == Reason.NOT_A_FORM, json);
    }
  }

  @Test
  void aJsonBodyWithNoValueAtAll_isNotAForm_notMalformed() {
    // as jackson-databind read it (a missing node): the answer says a form is an object of fields
    for (String json : List.of("", " ", "\r\n\t  ")) {
      BodyRejectedException e =
          assertThrows(
              BodyRejectedException.class, () -> BodyParser.parse("application/json", utf8(json)));
      assertEquals(Reason.NOT_A_FORM, e.reason(), "[" + json + "]");
    }
  }

  @Test
  void rejectsJsonDuplicateKeys() {
    BodyRejectedException e =
        assertThrows(
            BodyRejectedException.class,
            () ->
                BodyParser.parse(
                    "application/json", utf8("{\"email\":\"a@b.ca\",\"email\":\"c@d.ca\"}")));
    assertEquals(Reason.MALFORMED, e.reason());
  }

  @Test
  void rejectsJsonThatIsNotAnObject_orHasNestedObjects() {
    for (String json : List.of("[1,2]", "\"text\"", "42", "null")) {
      BodyRejectedException e =
          assertThrows(
              BodyRejectedException.class, () -> BodyParser.parse("application/json", utf8(json)));
      assertEquals(Reason.NOT_A_FORM, e.reason(), json);
    }
    BodyRejectedException nested =
        assertThrows(
            BodyRejectedException.class,
            () -> BodyParser.parse("application/json", utf8("{\"place\":{\"x\":1}}")));
    assertEquals("place", nested.field());
  }

  @Test
  void rejectsInvalidUtf8AndBadPercentEscapes() {
    byte[] invalid = {'a', '=', (byte) 0xC3, (byte) 0x28};
    assertEquals(
        Reason.MALFORMED,
        assertThrows(
                BodyRejectedException.class,
                () -> BodyParser.parse("application/x-www-form-urlencoded", invalid))
            .reason());
    assertEquals(
        Reason.MALFORMED,
        assertThrows(
                BodyRejectedException.class,
                () -> BodyParser.parse("application/x-www-form-urlencoded", utf8("a=%ZZ")))
            .reason());
  }
}
