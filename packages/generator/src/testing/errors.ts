// Errors thrown by page or component code inside the component framework. exparser catches them (as the
// real runtime does) and only logs them; a test should fail instead, so they are collected here and
// thrown by the next harness call (render, tap, settle, detach).

const raised: unknown[] = [];

type ErrorSource = { addGlobalErrorListener(listener: (error: unknown) => boolean): void };

export function collectErrors(exparser: ErrorSource) {
  exparser.addGlobalErrorListener((error) => {
    raised.push(error);
    // false: handled, so exparser does not also print it.
    return false;
  });
}

/** Throws what was raised since the last call: one error as itself, several together. */
export function throwRaisedErrors(during: string) {
  const errors = raised.splice(0);
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors, `${errors.length} errors in page or component code during ${during}`);
}
