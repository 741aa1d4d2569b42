/**
 * @module The registry of every generator the DSL knows, by name. Adding a generator means
 * adding it to `allGenerators`; docs, validation, JSON Schema and snapshot checks follow from it.
 */
import { boolean, enumeration } from './basic.js';
import { expression, template } from './derived.js';
import { email, username } from './internet.js';
import { city, country, latitude, longitude, state, streetAddress, zipCode } from './location.js';
import { decimal, integer, sequence } from './numeric.js';
import { firstName, fullName, gender, jobTitle, lastName, middleName, prefix } from './person.js';
import { phoneNumber } from './phone.js';
import { date, time, timestamp } from './temporal.js';
import type { AnyGeneratorDef } from './types.js';
import { uuid } from './uuid.js';

export const allGenerators: readonly AnyGeneratorDef[] = [
  firstName,
  lastName,
  middleName,
  fullName,
  prefix,
  gender,
  jobTitle,
  email,
  username,
  city,
  country,
  state,
  streetAddress,
  zipCode,
  latitude,
  longitude,
  phoneNumber,
  uuid,
  integer,
  decimal,
  sequence,
  boolean,
  enumeration,
  date,
  time,
  timestamp,
  template,
  expression,
] as AnyGeneratorDef[];

const byName = new Map(allGenerators.map((g) => [g.name, g]));

export function getGenerator(name: string): AnyGeneratorDef | undefined {
  return byName.get(name);
}

export const generatorNames: readonly string[] = allGenerators.map((g) => g.name);
