/**
 * The OCDS extension metadata rules (what an `extension.json` must hold), as a draft-04 JSON Schema for tests.
 * ../shared/standards has no copy of the official schema (open-contracting/standard-maintenance-scripts,
 * schema/extension-schema.json); this states the same documented rules in our own words: `name`, `description` and
 * `documentationUrl` are objects keyed by ISO 639-1 language code, English required; `compatibility` lists OCDS
 * minor versions; `dependencies` and `testDependencies` are URLs of other extensions' `extension.json`; `codelists`
 * are CSV file names and `schemas` the patched OCDS schema files; nothing else is allowed.
 * `contactPoint`, which the newest version of the official schema also requires, is left out: the program has no
 * contact address for its extensions (a person to write to) configured anywhere to put there.
 */
const LANGUAGE_KEY = '^[a-z]{2}$';

const languageMap = (format?: string): Record<string, unknown> => ({
  type: 'object',
  required: ['en'],
  minProperties: 1,
  additionalProperties: false,
  patternProperties: { [LANGUAGE_KEY]: { type: 'string', minLength: 1, ...(format ? { format } : {}) } },
});

const extensionUrls = {
  type: 'array',
  minItems: 1,
  uniqueItems: true,
  items: { type: 'string', format: 'uri', pattern: '/extension\\.json$' },
};

export const EXTENSION_METADATA_SCHEMA = {
  $schema: 'http://json-schema.org/draft-04/schema#',
  type: 'object',
  required: ['name', 'description', 'documentationUrl', 'compatibility'],
  additionalProperties: false,
  properties: {
    name: languageMap(),
    description: languageMap(),
    documentationUrl: languageMap('uri'),
    compatibility: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', pattern: '^[0-9]+\\.[0-9]+$' } },
    dependencies: extensionUrls,
    testDependencies: extensionUrls,
    codelists: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', pattern: '^[^/]+\\.csv$' } },
    schemas: {
      type: 'array', minItems: 1, uniqueItems: true,
      items: { enum: ['release-schema.json', 'release-package-schema.json', 'record-package-schema.json'] },
    },
  },
} as const;
