/** GET /v1/geocoding/suggestions: what a create form offers while someone types an address. */
export const suggestionsQuery = {
  type: 'object',
  additionalProperties: false,
  required: ['q'],
  properties: {
    q: {
      type: 'string',
      minLength: 3,
      maxLength: 200,
      description: 'What has been typed so far: a street, a place, a postcode (at least 3 characters).',
    },
    limit: { type: 'integer', minimum: 1, maximum: 10, default: 5, description: 'Suggestions at most.' },
  },
} as const;

export const addressSuggestions = {
  type: 'object',
  additionalProperties: false,
  required: ['items'],
  description: 'Addresses matching the words, best first; pick one and send it as the field value {text, lat, lng}.',
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['text', 'lat', 'lng', 'mapUrl'],
        properties: {
          text: { type: 'string', description: 'The address as the geocoder names it.' },
          lat: { type: 'number', minimum: -90, maximum: 90 },
          lng: { type: 'number', minimum: -180, maximum: 180 },
          mapUrl: { type: 'string', format: 'uri', description: 'The place on OpenStreetMap.' },
        },
      },
    },
  },
} as const;
