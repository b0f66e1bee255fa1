// Re-created for Relais's benchmark from aws-samples/serverless-graalvm-demo (MIT-0),
// https://github.com/aws-samples/serverless-graalvm-demo/tree/main/software/products
package ca.relais.benchsample;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.lambda.powertools.logging.Logging;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.tracing.Tracing;

/** {@code GET /{id}} (HTTP API, payload 2.0): the product as JSON with one {@code GetItem}, or 404. */
public class GetProductHandler
    implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

  private static final Logger logger = LogManager.getLogger(GetProductHandler.class);
  private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");
  private final ObjectMapper objectMapper = new ObjectMapper();
  private final ProductStore productStore;

  public GetProductHandler() {
    this(new DynamoDbProductStore());
  }

  public GetProductHandler(ProductStore productStore) {
    this.productStore = productStore;
  }

  @Logging
  @Tracing
  @Metrics(captureColdStart = true)
  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    String id = event.getPathParameters() == null ? null : event.getPathParameters().get("id");
    if (id == null) {
      return response(400, "{ \"message\": \"Missing 'id' parameter in path\" }");
    }
    logger.info("Fetching product {}", id);
    Optional<Product> product = productStore.getProduct(id);
    if (product.isEmpty()) {
      return response(404, "{\"message\": \"Product not found\"}");
    }
    try {
      return response(200, objectMapper.writeValueAsString(product.get()));
    } catch (JsonProcessingException e) {
      return APIGatewayV2HTTPResponse.builder().withStatusCode(500).build();
    }
  }

  private static APIGatewayV2HTTPResponse response(int status, String body) {
    return APIGatewayV2HTTPResponse.builder()
        .withStatusCode(status)
        .withHeaders(JSON)
        .withBody(body)
        .build();
  }
}
