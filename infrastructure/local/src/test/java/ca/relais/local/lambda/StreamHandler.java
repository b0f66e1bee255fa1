package ca.relais.local.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A {@code RequestStreamHandler} that answers the exact bytes it was given, wrapped with the
 * function name and version of its context: for the test that the local stack calls a stream
 * handler as Lambda does ({@code boom} throws). Also has a POJO overload that must never be chosen.
 */
public class StreamHandler implements RequestStreamHandler {

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    byte[] event = input.readAllBytes();
    if (new String(event, StandardCharsets.UTF_8).equals("boom")) {
      throw new IOException("boom");
    }
    output.write(
        ("[" + context.getFunctionName() + "|" + context.getFunctionVersion() + "]")
            .getBytes(StandardCharsets.UTF_8));
    output.write(event);
  }

  /** Not what Lambda calls for a stream handler. */
  public String handleRequest(String event, Context context) {
    return "POJO method called";
  }
}
