package minsheng.claims;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where a claim stands, and which moves the lifecycle allows: SUBMITTED → FORWARDED (or HELD when the insurer
 * refuses the delivery) → ACCEPTED, NEEDS_INFO or REJECTED; NEEDS_INFO → ACCEPTED or REJECTED; ACCEPTED → PAID.
 * An operator's retry moves a HELD claim back to SUBMITTED.
 */
public enum ClaimStatus {
  SUBMITTED, FORWARDED, ACCEPTED, NEEDS_INFO, REJECTED, PAID, HELD;

  private static final Map<ClaimStatus, Set<ClaimStatus>> NEXT = Map.of(
      SUBMITTED, EnumSet.of(FORWARDED, HELD),
      FORWARDED, EnumSet.of(ACCEPTED, NEEDS_INFO, REJECTED),
      NEEDS_INFO, EnumSet.of(ACCEPTED, REJECTED),
      ACCEPTED, EnumSet.of(PAID),
      HELD, EnumSet.of(SUBMITTED),
      REJECTED, EnumSet.noneOf(ClaimStatus.class),
      PAID, EnumSet.noneOf(ClaimStatus.class));

  public boolean canMoveTo(ClaimStatus next) {
    return NEXT.get(this).contains(next);
  }

  /** The status named by an external system, if it is one (case-sensitive, as the contract spells them). */
  public static Optional<ClaimStatus> named(String name) {
    for (ClaimStatus s : values()) {
      if (s.name().equals(name)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
