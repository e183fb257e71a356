// The lists forms and filters offer (streets, perils, loss types, statuses, topics), read once from
// GET /console/api/reference, which takes them from the policy file and the intent model.
import { api } from "./api.js";

let cached = null;

export async function reference() {
  if (!cached) {
    cached = api("GET", "reference", undefined, { quiet: true }).catch(e => {
      cached = null;
      return { streets: [], perils: [], lossTypes: [], statuses: [], topics: [] };
    });
  }
  return cached;
}
