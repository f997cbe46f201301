import { expect } from 'chai';
import { ConfigError, loadConfig } from '../common/config';
import { oneApiConfigFrom } from './oneapi-config';

const oneApiConfigFromEnv = (env: NodeJS.ProcessEnv) => oneApiConfigFrom(loadConfig(env).oneApi);

describe('OneAPI configuration from the environment', () => {
  const complete = {
    ONEAPI_BASE_URL: 'https://api.invers.com',
    ONEAPI_CLIENT_ID: 'EXFL29#cl1',
    ONEAPI_CLIENT_SECRET: 'eescrt8md3ntefkd',
  };

  it('reads base URL, client id and secret', () => {
    expect(oneApiConfigFromEnv(complete)).to.deep.equal({
      baseUrl: 'https://api.invers.com',
      clientId: 'EXFL29#cl1',
      clientSecret: 'eescrt8md3ntefkd',
    });
  });

  it('names the missing variable', () => {
    expect(() => oneApiConfigFromEnv({ ...complete, ONEAPI_CLIENT_SECRET: ' ' }))
      .to.throw(ConfigError, /ONEAPI_CLIENT_SECRET/)
      .with.property('message')
      .that.does.not.include('ONEAPI_CLIENT_ID');
  });

  it('names every missing variable at once', () => {
    expect(() => oneApiConfigFromEnv({})).to.throw(ConfigError, /ONEAPI_BASE_URL, ONEAPI_CLIENT_ID, ONEAPI_CLIENT_SECRET/);
  });
});
