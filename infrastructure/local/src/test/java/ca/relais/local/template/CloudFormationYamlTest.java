package ca.relais.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CloudFormationYamlTest {

  private static Object value(String yaml) {
    return CloudFormationYaml.parse("v: " + yaml).get("v");
  }

  @ParameterizedTest(name = "!{0}")
  @CsvSource({
    "Ref, Ref",
    "Condition, Condition",
    "Sub, Fn::Sub",
    "Base64, Fn::Base64",
    "ImportValue, Fn::ImportValue",
    "GetAZs, Fn::GetAZs",
  })
  void shortFormTagsOnAScalarBecomeTheirLongForm(String tag, String longForm) {
    assertEquals(Map.of(longForm, "x"), value("!" + tag + " x"));
  }

  @ParameterizedTest(name = "!{0}")
  @CsvSource({
    "Join, Fn::Join",
    "If, Fn::If",
    "Select, Fn::Select",
    "Split, Fn::Split",
    "Equals, Fn::Equals",
    "Not, Fn::Not",
    "And, Fn::And",
    "Or, Fn::Or",
    "FindInMap, Fn::FindInMap",
    "Sub, Fn::Sub",
    "Cidr, Fn::Cidr",
  })
  void shortFormTagsOnASequenceBecomeTheirLongForm(String tag, String longForm) {
    assertEquals(Map.of(longForm, List.of("a", "b")), value("!" + tag + " [a, b]"));
  }

  @Test
  void getAttTextIsSplitOnTheFirstDot_andTheSequenceFormIsKept() {
    assertEquals(
        Map.of("Fn::GetAtt", List.of("Table", "StreamArn")), value("!GetAtt Table.StreamArn"));
    assertEquals(
        Map.of("Fn::GetAtt", List.of("Db", "Endpoint.Address")),
        value("!GetAtt Db.Endpoint.Address"));
    assertEquals(Map.of("Fn::GetAtt", List.of("Queue", "Arn")), value("!GetAtt [Queue, Arn]"));
  }

  @Test
  void getAttWithoutAnAttributeIsRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> value("!GetAtt Table"));
    assertTrue(e.getMessage().contains("Table"), e.getMessage());
  }

  @Test
  void tagsNestInsideSequencesAndMappings_andOnMappings() {
    assertEquals(
        Map.of("Fn::Join", List.of("-", List.of("a", Map.of("Ref", "Stage")))),
        value("!Join ['-', [a, !Ref Stage]]"));
    assertEquals(
        Map.of(
            "Fn::Sub",
            List.of("${Name}-x", Map.of("Name", Map.of("Fn::GetAtt", List.of("Q", "QueueName"))))),
        value("!Sub ['${Name}-x', {Name: !GetAtt Q.QueueName}]"));
    assertEquals(
        Map.of("Fn::Transform", Map.of("Name", "AWS::Include")),
        value("!Transform {Name: 'AWS::Include'}"));
    assertEquals(
        Map.of("Fn::Select", List.of("0", Map.of("Fn::GetAZs", ""))),
        value("!Select ['0', !GetAZs '']"));
    assertEquals(
        Map.of("Fn::If", List.of("IsProd", Map.of("Ref", "AWS::NoValue"), "x")),
        value("!If [IsProd, !Ref 'AWS::NoValue', x]"));
  }

  @Test
  void longFormIsReadAsWritten_andScalarsKeepTheirYamlTypes() {
    Map<String, Object> parsed =
        CloudFormationYaml.parse(
            """
            A: {"Fn::GetAtt": [T, Arn]}
            N: 5
            B: true
            S: "5"
            """);
    assertEquals(Map.of("Fn::GetAtt", List.of("T", "Arn")), parsed.get("A"));
    assertEquals(5, parsed.get("N"));
    assertEquals(true, parsed.get("B"));
    assertEquals("5", parsed.get("S"));
  }

  @Test
  void keepsDocumentOrder_andUnquotedDatesAsText() {
    Map<String, Object> parsed =
        CloudFormationYaml.parse("AWSTemplateFormatVersion: 2010-09-09\nz: 1\na: 2\nm: 3\n");
    assertEquals("2010-09-09", parsed.get("AWSTemplateFormatVersion"));
    assertEquals(List.of("AWSTemplateFormatVersion", "z", "a", "m"), List.copyOf(parsed.keySet()));
  }

  @Test
  void refusesWhatIsNotATemplate() {
    assertThrows(IllegalArgumentException.class, () -> CloudFormationYaml.parse("- a list"));
    assertThrows(IllegalArgumentException.class, () -> CloudFormationYaml.parse(""));
    assertThrows(IllegalArgumentException.class, () -> CloudFormationYaml.parse("a: [unclosed"));
    IllegalArgumentException duplicate =
        assertThrows(IllegalArgumentException.class, () -> CloudFormationYaml.parse("a: 1\na: 2"));
    assertTrue(duplicate.getMessage().contains("a"), duplicate.getMessage());
    IllegalArgumentException unknownTag =
        assertThrows(IllegalArgumentException.class, () -> CloudFormationYaml.parse("a: !Nope x"));
    assertTrue(unknownTag.getMessage().contains("!Nope"), unknownTag.getMessage());
  }

  @Test
  void refusesJavaTypesInTheDocument() {
    assertThrows(
        IllegalArgumentException.class,
        () -> CloudFormationYaml.parse("a: !!java.io.File [/etc/passwd]"));
  }

  @Test
  void loadNamesTheFileOfAnError(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("broken.yaml");
    Files.writeString(file, "Resources: !GetAtt Oops\n");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CloudFormationYaml.load(file));
    assertTrue(e.getMessage().contains("broken.yaml"), e.getMessage());
    assertThrows(
        UncheckedIOException.class, () -> CloudFormationYaml.load(dir.resolve("missing.yaml")));
  }
}
