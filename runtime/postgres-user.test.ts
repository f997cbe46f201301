import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { firstClosedFolder } from './postgres-user';

describe('whether the postgres user can reach a folder', () => {
  let home: string;
  beforeEach(() => (home = fs.mkdtempSync(path.join(os.tmpdir(), 'ij-reach-'))));
  afterEach(() => fs.rmSync(home, { recursive: true, force: true }));

  const stranger = { uid: 4242, gids: [4242] };
  const owner = () => ({ uid: fs.statSync(home).uid, gids: [] });
  const group = () => ({ uid: 4242, gids: [fs.statSync(home).gid] });

  it('names the first folder on the way that others may not enter, with its mode', () => {
    fs.chmodSync(home, 0o700);
    const found = firstClosedFolder(path.join(home, 'data', 'postgres'), stranger);
    expect(found?.folder).to.equal(home);
    expect((found!.mode & 0o777).toString(8)).to.equal('700');
  });

  it('lets through a folder others may enter (x), even without reading it', () => {
    fs.chmodSync(home, 0o711);
    expect(firstClosedFolder(path.join(home, 'data'), stranger)).to.equal(undefined);
  });

  it("reads the owner's and the group's bits for the owner and the group", () => {
    fs.chmodSync(home, 0o700);
    expect(firstClosedFolder(home, owner())).to.equal(undefined);
    expect(firstClosedFolder(home, group())?.folder).to.equal(home);
    fs.chmodSync(home, 0o710);
    expect(firstClosedFolder(home, group())).to.equal(undefined);
  });

  it('treats a user that does not exist yet as a stranger', () => {
    fs.chmodSync(home, 0o700);
    expect(firstClosedFolder(home, undefined)?.folder).to.equal(home);
  });
});
