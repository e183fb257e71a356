package minsheng.nlu;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The intent model in service, which an administrator may replace with a retrained one while residents are
 * being answered. Everyone who classifies holds this one object, so a swap reaches the assistant and the console
 * at the same moment; each call reads the model once, so one message is never classified by two models.
 */
public final class LiveIntents {
  private final AtomicReference<IntentModel> current;

  public LiveIntents(IntentModel model) {
    this.current = new AtomicReference<>(Objects.requireNonNull(model));
  }

  public Understanding understand(String text) {
    return current.get().understand(text);
  }

  /** The intents the model in service knows. */
  public List<String> intents() {
    return current.get().intents();
  }

  public IntentModel current() {
    return current.get();
  }

  /** Puts a newly trained model into service; messages classified from now on use it. */
  public void swap(IntentModel next) {
    current.set(Objects.requireNonNull(next));
  }
}
