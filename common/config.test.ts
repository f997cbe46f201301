import path from 'node:path';
import { expect } from 'chai';
import { ConfigError, loadConfig } from './config';

describe('configuration from the environment', () => {
  it('runs everything locally when nothing is set', () => {
    const config = loadConfig({});
    expect(config.apiPort).to.equal(3000);
    expect(config.temporal.externalAddress).to.equal(undefined);
    expect(config.temporal.devServerPort).to.equal(7233);
    expect(config.temporal.devServerUiPort).to.equal(8233);
    expect(config.postgres.databaseUrl).to.equal(undefined);
    expect(config.dataDir).to.equal(path.join(config.projectDir, '.data'));
  });

  it('uses an existing cluster and database when TEMPORAL_ADDRESS and DATABASE_URL are set', () => {
    const config = loadConfig({ TEMPORAL_ADDRESS: 'temporal.internal:7233', DATABASE_URL: 'postgres://u:p@db/x', PORT: '8080' });
    expect(config.temporal.externalAddress).to.equal('temporal.internal:7233');
    expect(config.postgres.databaseUrl).to.equal('postgres://u:p@db/x');
    expect(config.apiPort).to.equal(8080);
  });

  it('treats blank variables as unset', () => {
    expect(loadConfig({ TEMPORAL_ADDRESS: '  ', DATABASE_URL: '' }).temporal.externalAddress).to.equal(undefined);
  });

  it('refuses a port that is not a number, naming the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).to.throw(ConfigError, 'PORT=eighty is not a port number (0-65535).');
    expect(() => loadConfig({ POSTGRES_PORT: '70000' })).to.throw(ConfigError, /POSTGRES_PORT=70000/);
  });

  it('takes the API rate limit per token from API_RATE_LIMIT_PER_MINUTE, refusing a limit of nothing', () => {
    expect(loadConfig({}).apiRateLimitPerMinute).to.equal(600);
    expect(loadConfig({ API_RATE_LIMIT_PER_MINUTE: '5000' }).apiRateLimitPerMinute).to.equal(5000);
    expect(() => loadConfig({ API_RATE_LIMIT_PER_MINUTE: '0' })).to.throw(
      ConfigError,
      'API_RATE_LIMIT_PER_MINUTE=0 is not a whole number of at least 1.',
    );
    expect(() => loadConfig({ API_RATE_LIMIT_PER_MINUTE: 'lots' })).to.throw(ConfigError, /API_RATE_LIMIT_PER_MINUTE=lots/);
  });
});
