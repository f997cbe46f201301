/** The commands a CloudBoxx takes, as OneAPI names them. */
export const VEHICLE_COMMANDS = [
  'unlock-central-lock',
  'lock-central-lock',
  'enable-driving',
  'disable-driving',
  'request-vehicle-state',
] as const;
export type VehicleCommand = (typeof VEHICLE_COMMANDS)[number];
