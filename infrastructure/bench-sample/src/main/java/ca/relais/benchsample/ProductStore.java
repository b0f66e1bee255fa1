// Re-created for Relais's benchmark from aws-samples/serverless-graalvm-demo (MIT-0),
// https://github.com/aws-samples/serverless-graalvm-demo/tree/main/software/products
package ca.relais.benchsample;

import java.util.Optional;

/** The sample's storage port (its hexagonal layout). */
public interface ProductStore {
  Optional<Product> getProduct(String id);

  void putProduct(Product product);
}
