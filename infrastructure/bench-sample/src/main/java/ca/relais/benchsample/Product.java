// Re-created for Relais's benchmark from aws-samples/serverless-graalvm-demo (MIT-0),
// https://github.com/aws-samples/serverless-graalvm-demo/tree/main/software/products
package ca.relais.benchsample;

import java.math.BigDecimal;

/** A product of the sample's catalogue: its id, name and price. */
public class Product {
  private String id;
  private String name;
  private BigDecimal price;

  public Product() {}

  public Product(String id, String name, BigDecimal price) {
    this.id = id;
    this.name = name;
    this.price = price;
  }

  public String getId() {
    return id;
  }

  public void setId(String id) {
    this.id = id;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public BigDecimal getPrice() {
    return price;
  }

  public void setPrice(BigDecimal price) {
    this.price = price;
  }

  @Override
  public String toString() {
    return "Product{id='" + id + "', name='" + name + "', price=" + price + "}";
  }
}
