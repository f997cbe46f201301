/**
 * Customer names as people type them: "Demo Stadtwerke", "demo stadtwerke" and " Demo  Stadtwerke"
 * are one customer. A name is tidied where it enters (blanks at either end dropped, a run of blanks
 * inside made one space) and kept in the case it was given; wherever a customer-limited user's
 * customers decide what they may see or do, names are compared without regard to case — here with
 * customerKey, in SQL with lower(), which the (provider, lower(customer_name)) index of the job
 * list serves. Pure: the workflow sandbox may import it too.
 */

/** The name with blanks at either end dropped and every run of blanks inside made one space. */
export function tidyName(name: string): string {
  return name.trim().replace(/\s+/g, ' ');
}

/** What two spellings of one customer have in common: the tidy name in lower case. */
export function customerKey(name: string): string {
  return tidyName(name).toLowerCase();
}

/**
 * `name` as the user's own list of customers spells it, or undefined when it is none of theirs:
 * a job created or moved by them carries their spelling.
 */
export function ownCustomer(customers: readonly string[], name: string): string | undefined {
  const key = customerKey(name);
  const found = customers.find((customer) => customerKey(customer) === key);
  return found === undefined ? undefined : tidyName(found);
}

/** Whether a job's customer (null: none) is one of `customers`, whatever the case and blanks of either. */
export function isOwnCustomer(customers: readonly string[], name: string | null | undefined): boolean {
  return typeof name === 'string' && ownCustomer(customers, name) !== undefined;
}
