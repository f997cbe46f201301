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
  return db('fleets').where({ provider_id: providerId }).orderBy([{ column: 'name' }, { column: 'id' }]).select(...COLUMNS);
}

export async function findProviderFleet(db: Db, providerId: string, fleetId: string): Promise<FleetRow | undefined> {
  return db('fleets').where({ id: fleetId, provider_id: providerId }).first(...COLUMNS);
}

/** Another fleet for a provider; names are unique per provider, whatever their case. */
export async function createFleet(db: Db, providerId: string, name: string): Promise<FleetRow> {
  const taken = await db('fleets').where({ provider_id: providerId }).whereRaw('lower(name) = lower(?)', [name]).first('name');
  if (taken) throw fleetNameTaken(taken.name);
  try {
    const [fleet] = await db('fleets').insert({ provider_id: providerId, name }).returning([...COLUMNS]);
    return fleet;
  } catch (error) {
    if (isUniqueViolation(error, 'fleets_provider_id_name_unique')) throw fleetNameTaken(name, error);
    throw error;
  }
}

function fleetNameTaken(name: string, cause?: unknown): ConflictError {
  return new ConflictError(`You already have a fleet called ${name}.`, [{ pointer: '/name', message: 'already used by one of your fleets', rule: 'unique' }], { type: 'fleet-name-taken', cause });
}
