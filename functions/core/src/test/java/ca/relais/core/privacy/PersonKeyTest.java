package ca.relais.core.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class PersonKeyTest {

  private static final String SECRET = "0123456789abcdef0123456789abcdef";

  // HMAC-SHA256 values computed outside Java (Python's hmac module) with the same secret
  private static final String MARIE =
      "a0a67da4d28ea879f469772f98455223aa3e3e664d91527633d51ffdb9cbba18";
  private static final String ELISE =
      "9df20df888cc0cfb94b241186e2564e5f31873b9e9aa87510470984bdead0e5b";
  private static final String CHECK =
      "ad5cf0e2a94e9af84dcb9574eff8ddba49edd16d353a88dd7a055538c7db48b3";

  private final PersonKey key = PersonKey.fromSecret(SECRET);

  @Test
  void isTheHmacOfTheNormalisedAddress() {
    assertEquals(MARIE, key.of("marie.tremblay@example.org"));
    assertEquals(MARIE, key.of("  Marie.Tremblay@EXAMPLE.org\n"));
    // "é" written as e + combining acute accent: NFC makes it the one character
    assertEquals(ELISE, key.of("E\u0301lise@example.org"));
    assertEquals(CHECK, key.check());
  }

  @Test
  void sameKeyForTheSameAddressCallAfterCall() {
    for (int i = 0; i < 3; i++) {
      assertEquals(MARIE, key.of("marie.tremblay@example.org"));
      assertEquals(ELISE, key.of("élise@example.org"));
    }
  }

  @Test
  void anotherSecretGivesAnotherKey() {
    PersonKey other = PersonKey.fromSecret("another secret, at least 32 characters long");
    assertNotEquals(MARIE, other.of("marie.tremblay@example.org"));
    assertEquals(64, other.of("marie.tremblay@example.org").length());
  }

  @Test
  void threadsComputingAtOnceEachGetTheRightKey() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int task = 0; task < 64; task++) {
        boolean marie = task % 2 == 0;
        results.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 500; i++) {
                    String expected = marie ? MARIE : ELISE;
                    String address = marie ? "marie.tremblay@example.org" : "élise@example.org";
                    if (!expected.equals(key.of(address))) {
                      return false;
                    }
                  }
                  return true;
                }));
      }
      for (Future<Boolean> result : results) {
        assertTrue(result.get(), "a thread got another address's key");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void refusesAShortSecretNamingTheVariable() {
    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> PersonKey.fromSecret("too short"));
    assertTrue(refused.getMessage().contains("PERSON_KEY_SECRET"));
    assertThrows(IllegalArgumentException.class, () -> PersonKey.fromSecret(null));
  }
}
