import { ConnectError } from "@connectrpc/connect";

/** Awaits `promise`, expecting it to reject with a ConnectError, and returns that error. */
export async function connectFailure(promise: Promise<unknown>): Promise<ConnectError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ConnectError) return error;
    throw error;
  }
  throw new Error("expected a ConnectError, but the promise resolved");
}
