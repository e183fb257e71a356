package minsheng.claims;

/** What caused the loss; the names are part of the claim JSON in the contract. Residents' words live in the policy. */
public enum Peril {
  NATURAL_DISASTER,
  FIRE_EXPLOSION,
  BRAVERY
}
