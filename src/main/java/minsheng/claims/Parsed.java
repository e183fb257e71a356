package minsheng.claims;

import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a resident's answer yields: the value, or the reason to ask again in words the resident can act on. The
 * dialogue never needs to know why a parser failed beyond that sentence, so the failure carries nothing else.
 */
public sealed interface Parsed<T> permits Parsed.Ok, Parsed.Invalid {

  static <T> Parsed<T> ok(T value) {
    return new Ok<>(value);
  }

  static <T> Parsed<T> invalid(String reasonForResident) {
    return new Invalid<>(reasonForResident);
  }

  default boolean isOk() {
    return this instanceof Ok<T>;
  }

  default Optional<T> toOptional() {
    return this instanceof Ok<T> ok ? Optional.of(ok.value()) : Optional.empty();
  }

  /** The re-ask sentence, empty when the answer was understood. */
  default Optional<String> reason() {
    return this instanceof Invalid<T> invalid ? Optional.of(invalid.reasonForResident()) : Optional.empty();
  }

  /** The value; a caller that reaches this with an invalid answer has a bug, hence the unchecked exception. */
  default T orElseThrow() {
    if (this instanceof Ok<T> ok) {
      return ok.value();
    }
    throw new NoSuchElementException("not parsed: " + ((Invalid<T>) this).reasonForResident());
  }

  default <U> Parsed<U> map(Function<? super T, ? extends U> f) {
    if (this instanceof Ok<T> ok) {
      return new Ok<>(f.apply(ok.value()));
    }
    return new Invalid<>(((Invalid<T>) this).reasonForResident());
  }

  default <U> Parsed<U> flatMap(Function<? super T, Parsed<U>> f) {
    if (this instanceof Ok<T> ok) {
      return f.apply(ok.value());
    }
    return new Invalid<>(((Invalid<T>) this).reasonForResident());
  }

  record Ok<T>(T value) implements Parsed<T> {
    public Ok {
      Objects.requireNonNull(value, "value");
    }
  }

  record Invalid<T>(String reasonForResident) implements Parsed<T> {
    public Invalid {
      if (reasonForResident == null || reasonForResident.isBlank()) {
        throw new IllegalArgumentException("a re-ask needs a reason the resident can read");
      }
    }
  }
}
