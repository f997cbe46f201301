import type { VehicleCommand } from '../vehicle-gateway';

/**
 * The vehicle models the simulator knows, with ids shaped like OneAPI's (ULIDs). A CloudBoxx
 * installation decides what a vehicle can do: without an immobiliser relay there is nothing to
 * enable or disable driving with.
 */
export interface VehicleModel {
  id: string;
  brand: string;
  model: string;
  immobiliser: boolean;
  /** What the model runs on: decides whether its box reports a fuel level or a battery charge. */
  fuelType: FuelType;
}

/** `master_data.fuel_type` values as the OneAPI documents them (the ones our models need). */
export type FuelType = 'PETROL' | 'DIESEL' | 'ELECTRIC';

export const VEHICLE_MODELS: readonly VehicleModel[] = [
  { id: '01GPDEGSM04EDMWRB65GBQ6QTZ', brand: 'Volkswagen', model: 'Golf 8', immobiliser: true, fuelType: 'PETROL' },
  { id: '01GRZV8171CTR2J2NDSA310FVP', brand: 'Volkswagen', model: 'ID.3', immobiliser: true, fuelType: 'ELECTRIC' },
  { id: '01GVAGS3T2N5XKS3P6YAH288SP', brand: 'Opel', model: 'Corsa-e', immobiliser: true, fuelType: 'ELECTRIC' },
  { id: '01GXWXGBD3AJGZ8EKG0T0VKKQG', brand: 'Renault', model: 'Zoe', immobiliser: true, fuelType: 'ELECTRIC' },
  { id: '01H0CQTW04J1DTQWA7PK6FF4VD', brand: 'Fiat', model: '500e', immobiliser: true, fuelType: 'ELECTRIC' },
  { id: '01H2Z4J3K59FWABSAXSXKW1KPP', brand: 'Ford', model: 'Transit Custom', immobiliser: false, fuelType: 'DIESEL' },
];

export function findVehicleModel(id: string): VehicleModel | undefined {
  return VEHICLE_MODELS.find((model) => model.id === id);
}

export function commandsOf(model: VehicleModel): VehicleCommand[] {
  const always: VehicleCommand[] = ['unlock-central-lock', 'lock-central-lock', 'request-vehicle-state'];
  return model.immobiliser ? [...always, 'enable-driving', 'disable-driving'] : always;
}
