/** A refusal the simulator answers as OneAPI would: status plus `{ error, message }`. */
export class SimulatorHttpError extends Error {
  override readonly name = 'SimulatorHttpError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
