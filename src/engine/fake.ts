import { faker as englishFaker } from "@faker-js/faker/locale/en";
import type { Faker } from "@faker-js/faker";
import type { generatorNames } from "../contract/schema.js";

// The package root loads every locale (~280 ms measured here); locale/en loads one (~45 ms) but exports only an
// instance, so each engine builds its own seeded Faker from that instance's class and definitions.
const FakerClass = englishFaker.constructor as new (options: { locale: Faker["rawDefinitions"] }) => Faker;

export function createFaker(seed: number): Faker {
  const faker = new FakerClass({ locale: englishFaker.rawDefinitions });
  faker.seed(seed);
  return faker;
}

/** Dates are drawn before this fixed instant, not "now", so a seed gives the same records on any day. */
export const REFERENCE_DATE = "2025-06-01T00:00:00.000Z";

type Options = Record<string, unknown> | undefined;

export const generators: Record<(typeof generatorNames)[number], (faker: Faker, options: Options) => unknown> = {
  "person.fullName": (f) => f.person.fullName(),
  "person.firstName": (f) => f.person.firstName(),
  "person.lastName": (f) => f.person.lastName(),
  "internet.email": (f) => f.internet.email().toLowerCase(),
  "internet.username": (f) => f.internet.username(),
  "internet.url": (f) => f.internet.url(),
  "phone.number": (f) => f.phone.number({ style: "international" }),
  "company.name": (f) => f.company.name(),
  "commerce.productName": (f) => f.commerce.productName(),
  "lorem.sentence": (f) => f.lorem.sentence(),
  "lorem.words": (f) => f.lorem.words(3),
  "location.country": (f) => f.location.country(),
  "location.city": (f) => f.location.city(),
  "finance.amount": (f) => f.finance.amount(),
  "finance.currencyCode": (f) => f.finance.currencyCode(),
  "finance.accountNumber": (f) => f.finance.accountNumber(10),
  "finance.ethereumAddress": (f) => f.finance.ethereumAddress(),
  "string.uuid": (f) => f.string.uuid(),
  "string.alphanumeric": (f, o) => f.string.alphanumeric(typeof o?.["length"] === "number" ? o["length"] : 16),
  "number.int": (f, o) => f.number.int({ min: Number(o?.["min"] ?? 0), max: Number(o?.["max"] ?? 1000) }),
  "datatype.boolean": (f) => f.datatype.boolean(),
  "date.past": (f) => f.date.past({ refDate: REFERENCE_DATE }).toISOString(),
  "date.future": (f) => f.date.future({ refDate: REFERENCE_DATE }).toISOString(),
};
