package minsheng.claims;

/** What was lost; the names are part of the claim JSON in the contract. Residents' words live in the policy. */
public enum LossType {
  HOUSE_DAMAGE,
  DEATH,
  DISABILITY
}
