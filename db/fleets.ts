import { ConflictError } from '../common/errors';
import { isUniqueViolation, type Db } from './connection';

/** A provider's fleet: jobs, vehicles and installer-company invitations belong to one. */
export interface FleetRow {
  id: string;
  provider_id: string;
  name: string;
  created_at: Date;
}

const COLUMNS = ['id', 'provider_id', 'name', 'created_at'] as const;

export async function providerFleets(db: Db, providerId: string): Promise<FleetRow[]> {
  return db('fleets')
    .where({ provider_id: providerId })
    .orderBy([{ column: 'name' }, { column: 'id' }])
    .select(...COLUMNS);
}

export async function findProviderFleet(db: Db, providerId: string, fleetId: string): Promise<FleetRow | undefined> {
  return db('fleets')
    .where({ id: fleetId, provider_id: providerId })
    .first(...COLUMNS);
}

/**
 * Another fleet for a provider; names are unique per provider, whatever their case and surrounding
 * blanks. The database's unique index decides, so that parallel requests cannot both pass a check.
 */
export async function createFleet(db: Db, providerId: string, name: string): Promise<FleetRow> {
  try {
    const [fleet] = await db('fleets')
      .insert({ provider_id: providerId, name })
      .returning([...COLUMNS]);
    return fleet;
  } catch (error) {
    if (!isUniqueViolation(error, 'fleets_provider_name_unique')) throw error;
    // Named as the provider wrote it: "Hamburg" is taken, whether "HAMBURG" was sent or not.
    const taken = await db('fleets')
      .where({ provider_id: providerId })
      .whereRaw('lower(btrim(name)) = lower(btrim(?))', [name])
      .first('name');
    throw fleetNameTaken(taken?.name ?? name, error);
  }
}

function fleetNameTaken(name: string, cause?: unknown): ConflictError {
  return new ConflictError(
    `You already have a fleet called ${name}.`,
    [{ pointer: '/name', message: 'already used by one of your fleets', rule: 'unique' }],
    { type: 'fleet-name-taken', cause },
  );
}
