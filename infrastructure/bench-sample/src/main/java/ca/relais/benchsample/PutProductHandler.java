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
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.lambda.powertools.logging.Logging;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.tracing.Tracing;

/**
 * {@code PUT /{id}} (HTTP API, payload 2.0): the product of the body, stored with one {@code
 * PutItem}; 201, or 400 naming what is wrong with the request.
 */
public class PutProductHandler
    implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

  private static final Logger logger = LogManager.getLogger(PutProductHandler.class);
  private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");
  private final ObjectMapper objectMapper = new ObjectMapper();
  private final ProductStore productStore;

  public PutProductHandler() {
    this(new DynamoDbProductStore());
  }

  public PutProductHandler(ProductStore productStore) {
    this.productStore = productStore;
  }

  @Logging
  @Tracing
  @Metrics(captureColdStart = true)
  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    String id = event.getPathParameters() == null ? null : event.getPathParameters().get("id");
    if (id == null) {
      return response(400, "{\"message\": \"Missing 'id' parameter in path\"}");
    }
    if (event.getBody() == null || event.getBody().isEmpty()) {
      return response(400, "{\"message\": \"Empty request body\"}");
    }
    Product product;
    try {
      product = objectMapper.readValue(event.getBody(), Product.class);
    } catch (JsonProcessingException e) {
      logger.error(e.getMessage());
      return response(400, "{\"message\": \"Failed to parse product from request body\"}");
    }
    if (!id.equals(product.getId())) {
      return response(
          400, "{\"message\": \"Product ID in path does not match product ID in body\"}");
    }
    logger.info("Parsed: " + product);
    try {
      productStore.putProduct(product);
    } catch (Exception e) {
      logger.error(e.getMessage());
      return APIGatewayV2HTTPResponse.builder().withStatusCode(500).build();
    }
    return response(201, "{\"message\": \"Product created\"}");
  }

  private static APIGatewayV2HTTPResponse response(int status, String body) {
    return APIGatewayV2HTTPResponse.builder()
        .withStatusCode(status)
        .withHeaders(JSON)
        .withBody(body)
        .build();
  }
}
