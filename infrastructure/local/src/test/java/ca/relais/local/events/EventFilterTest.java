package ca.relais.local.events;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventFilterTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static Map<String, Object> json(String text) {
    try {
      return JSON.readValue(text, new TypeReference<Map<String, Object>>() {});
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  private static EventFilter filter(String... patterns) {
    return new EventFilter(List.of(patterns).stream().map(EventFilterTest::json).toList());
  }

  private static Map<String, Object> insert(String recordType, String extra) {
    return json(
        "{\"eventName\":\"INSERT\",\"dynamodb\":{\"NewImage\":{\"recordType\":{\"S\":\""
            + recordType
            + "\"}"
            + extra
            + "}}}");
  }

  @Test
  void theProjectsPattern_acceptsOnlyInsertedSubmissions() {
    EventFilter submissions =
        filter(
            "{\"eventName\": [\"INSERT\"], \"dynamodb\": {\"NewImage\": {\"recordType\": {\"S\":"
                + " [\"SUBMISSION\"]}}}}");
    assertTrue(submissions.accepts(insert("SUBMISSION", "")));
    assertFalse(submissions.accepts(insert("ALERT_SENT", "")));
    Map<String, Object> modify = insert("SUBMISSION", "");
    modify.put("eventName", "MODIFY");
    assertFalse(submissions.accepts(modify));
    assertFalse(submissions.accepts(json("{\"eventName\":\"REMOVE\",\"dynamodb\":{}}")));
  }

  @Test
  void noPatternAcceptsEverything_andSeveralPatternsAcceptWhatAnyOfThemAccepts() {
    assertTrue(new EventFilter(List.of()).accepts(json("{\"eventName\":\"REMOVE\"}")));
    EventFilter either = filter("{\"eventName\":[\"INSERT\"]}", "{\"eventName\":[\"REMOVE\"]}");
    assertTrue(either.accepts(json("{\"eventName\":\"REMOVE\"}")));
    assertFalse(either.accepts(json("{\"eventName\":\"MODIFY\"}")));
  }

  @Test
  void existsPrefixSuffixAndIgnoreCase() {
    EventFilter withEmail = filter("{\"dynamodb\":{\"NewImage\":{\"email\":[{\"exists\":true}]}}}");
    assertTrue(withEmail.accepts(insert("S", ",\"email\":{\"S\":\"x\"}")));
    assertFalse(withEmail.accepts(insert("S", "")));
    EventFilter withoutEmail =
        filter("{\"dynamodb\":{\"NewImage\":{\"email\":[{\"exists\":false}]}}}");
    assertTrue(withoutEmail.accepts(insert("S", "")));
    assertTrue(withoutEmail.accepts(json("{\"eventName\":\"REMOVE\"}")), "no NewImage at all");
    assertFalse(withoutEmail.accepts(insert("S", ",\"email\":{\"S\":\"x\"}")));
    EventFilter prefix =
        filter("{\"dynamodb\":{\"NewImage\":{\"recordType\":{\"S\":[{\"prefix\":\"SUB\"}]}}}}");
    assertTrue(prefix.accepts(insert("SUBMISSION", "")));
    assertFalse(prefix.accepts(insert("ALERT", "")));
    EventFilter suffix =
        filter("{\"dynamodb\":{\"NewImage\":{\"recordType\":{\"S\":[{\"suffix\":\"SION\"}]}}}}");
    assertTrue(suffix.accepts(insert("SUBMISSION", "")));
    EventFilter ignoreCase = filter("{\"eventName\":[{\"equals-ignore-case\":\"insert\"}]}");
    assertTrue(ignoreCase.accepts(insert("X", "")));
  }

  @Test
  void anythingBut_valuesOrAPrefix_needsTheField() {
    EventFilter notAlerts =
        filter(
            "{\"dynamodb\":{\"NewImage\":{\"recordType\":{\"S\":[{\"anything-but\":[\"ALERT\","
                + "\"DIGEST\"]}]}}}}");
    assertTrue(notAlerts.accepts(insert("SUBMISSION", "")));
    assertFalse(notAlerts.accepts(insert("ALERT", "")));
    assertFalse(notAlerts.accepts(json("{\"eventName\":\"REMOVE\"}")), "a missing field");
    EventFilter single = filter("{\"eventName\":[{\"anything-but\":\"REMOVE\"}]}");
    assertTrue(single.accepts(json("{\"eventName\":\"INSERT\"}")));
    assertFalse(single.accepts(json("{\"eventName\":\"REMOVE\"}")));
    EventFilter notPrefixed =
        filter(
            "{\"dynamodb\":{\"Keys\":{\"pk\":{\"S\":[{\"anything-but\":{\"prefix\":\"ROUTE#\"}}]}}}}");
    assertTrue(notPrefixed.accepts(json("{\"dynamodb\":{\"Keys\":{\"pk\":{\"S\":\"SUB#1\"}}}}")));
    assertFalse(
        notPrefixed.accepts(json("{\"dynamodb\":{\"Keys\":{\"pk\":{\"S\":\"ROUTE#1\"}}}}")));
  }

  @Test
  void literalsKeepTheirJsonType_numbersCompareByValue_andListsMatchAnyElement() {
    EventFilter five = filter("{\"n\":[5]}");
    assertTrue(five.accepts(json("{\"n\":5.0}")));
    assertFalse(five.accepts(json("{\"n\":\"5\"}")), "a string is not a number");
    assertTrue(filter("{\"b\":[true]}").accepts(json("{\"b\":true}")));
    assertFalse(filter("{\"b\":[true]}").accepts(json("{\"b\":\"true\"}")));
    assertTrue(filter("{\"v\":[null]}").accepts(json("{\"v\":null}")));
    EventFilter roles = filter("{\"dynamodb\":{\"NewImage\":{\"roles\":{\"SS\":[\"AGENT\"]}}}}");
    assertTrue(roles.accepts(insert("X", ",\"roles\":{\"SS\":[\"OBSERVER\",\"AGENT\"]}")));
    assertFalse(roles.accepts(insert("X", ",\"roles\":{\"SS\":[\"OBSERVER\"]}")));
    EventFilter range = filter("{\"size\":[{\"numeric\":[\">\",0,\"<=\",100]}]}");
    assertTrue(range.accepts(json("{\"size\":100}")));
    assertFalse(range.accepts(json("{\"size\":0}")));
    assertFalse(range.accepts(json("{\"size\":\"50\"}")));
  }

  @Test
  void whatIsNotSupportedIsRefusedWhenTheFilterIsBuilt() {
    String[][] cases = {
      {"{\"$or\":[{\"a\":[1]},{\"b\":[2]}]}", "$or"},
      {"{\"a\":[{\"wildcard\":\"x*\"}]}", "not supported locally"},
      {"{\"a\":\"INSERT\"}", "must be a list of accepted values or an object"},
      {"{\"a\":[]}", "empty list"},
      {"{\"a\":[{\"exists\":\"yes\"}]}", "exists needs true or false"},
      {"{\"a\":[{\"numeric\":[\">\"]}]}", "numeric needs pairs"},
    };
    for (String[] c : cases) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> filter(c[0]), c[0]);
      assertTrue(e.getMessage().contains(c[1]), c[0] + " → " + e.getMessage());
    }
  }
}
