package minsheng.claims;

import java.util.List;
import java.util.Objects;

/**
 * One street (街道) of the district under its canonical name, as stored in a claim, with every spelling residents
 * use for it.
 */
public record Street(String name, List<String> spellings) {
  public Street {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a street needs a name");
    }
    spellings = List.copyOf(spellings);
  }

  @Override
  public String toString() {
    return name;
  }
}
