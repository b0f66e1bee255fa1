// Re-created for Relais's benchmark from aws-samples/serverless-graalvm-demo (MIT-0),
// https://github.com/aws-samples/serverless-graalvm-demo/tree/main/software/products
package ca.relais.benchsample;

import com.amazonaws.xray.interceptors.TracingInterceptor;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.crt.AwsCrtAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.lambda.powertools.logging.Logging;
import software.amazon.lambda.powertools.tracing.Tracing;

/**
 * The sample's store: an async DynamoDB client on the AWS CRT HTTP client, traced by X-Ray's
 * {@link TracingInterceptor}, credentials from the environment, items keyed by {@code PK}.
 */
public class DynamoDbProductStore implements ProductStore {

  private static final Logger logger = LogManager.getLogger(DynamoDbProductStore.class);
  private static final String PRODUCT_TABLE_NAME = System.getenv("PRODUCT_TABLE_NAME");

  private final DynamoDbAsyncClient dynamoDbClient =
      DynamoDbAsyncClient.builder()
          // as the public sample does: it is deployed WITHOUT SnapStart, where Lambda gives access
          // keys (the benchmark gives it the same), and this provider reads them at each call,
          // never at init. A benchmark baseline, never deployed, not in template.yaml; Relais's
          // functions run under SnapStart and take only the container endpoint's credentials
          // (AwsClientSettings.forFunction)
          .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
          .region(Region.of(System.getenv(SdkSystemSetting.AWS_REGION.environmentVariable())))
          .overrideConfiguration(
              ClientOverrideConfiguration.builder()
                  .addExecutionInterceptor(new TracingInterceptor())
                  .build())
          .httpClientBuilder(AwsCrtAsyncHttpClient.builder())
          .build();

  @Override
  @Tracing
  @Logging
  public Optional<Product> getProduct(String id) {
    try {
      GetItemResponse response =
          dynamoDbClient
              .getItem(
                  GetItemRequest.builder()
                      .tableName(PRODUCT_TABLE_NAME)
                      .key(Map.of("PK", AttributeValue.builder().s(id).build()))
                      .build())
              .get();
      return response.hasItem() ? Optional.of(fromItem(response.item())) : Optional.empty();
    } catch (InterruptedException | ExecutionException e) {
      logger.error("getItem failed with message {}", e.getMessage());
      return Optional.empty();
    }
  }

  @Override
  @Tracing
  @Logging
  public void putProduct(Product product) {
    try {
      dynamoDbClient
          .putItem(
              PutItemRequest.builder()
                  .tableName(PRODUCT_TABLE_NAME)
                  .item(
                      Map.of(
                          "PK", AttributeValue.builder().s(product.getId()).build(),
                          "name", AttributeValue.builder().s(product.getName()).build(),
                          "price",
                              AttributeValue.builder()
                                  .n(product.getPrice().toPlainString())
                                  .build()))
                  .build())
          .get();
    } catch (InterruptedException | ExecutionException e) {
      logger.error("putItem failed with message {}", e.getMessage());
    }
  }

  private static Product fromItem(Map<String, AttributeValue> item) {
    return new Product(
        item.get("PK").s(), item.get("name").s(), new BigDecimal(item.get("price").n()));
  }
}
