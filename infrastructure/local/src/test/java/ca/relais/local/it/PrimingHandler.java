package ca.relais.local.it;

import ca.relais.aws.snapstart.SnapStartPriming;
import com.amazonaws.services.lambda.runtime.Context;
import java.util.Map;

/**
 * Handlers whose SnapStart priming breaks, or stops at a dry run's unsent call, as a function's
 * would (for {@link SnapStartPrimingIT}).
 */
public final class PrimingHandler {

  private PrimingHandler() {}

  /** Its priming throws, as a function with a bug on its request path would. */
  public static final class Broken {
    private final SnapStartPriming priming =
        SnapStartPriming.register(
            "broken",
            () -> {
              throw new IllegalArgumentException("the sample request no longer validates");
            });

    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
      return Map.of("ok", true);
    }
  }

  /** Its priming reaches an SDK call that a dry run stops: expected, the function starts. */
  public static final class StoppedAtTheCall {
    private final SnapStartPriming priming =
        SnapStartPriming.register(
            "stopped",
            () -> {
              throw software.amazon.awssdk.core.exception.SdkClientException.create(
                  "wrapped",
                  software.amazon.awssdk.core.exception.SdkClientException.create(
                      "Dry run (SnapStart priming): not sent, signed"));
            });

    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
      return Map.of("ok", true);
    }
  }
}
