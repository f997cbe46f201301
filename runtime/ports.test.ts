import net from 'node:net';
import { expect } from 'chai';
import { assertPortFree, findFreePort, PortInUseError } from './ports';

describe('port checks', () => {
  it('finds free ports below the range the OS hands outgoing connections, so none is taken before its server listens', async () => {
    const ports = [];
    for (let i = 0; i < 20; i++) ports.push(await findFreePort());
    for (const port of ports) expect(port).to.be.within(20_000, 32_767);
    expect(new Set(ports).size, 'none twice, though none is listened on yet').to.equal(ports.length);
  });

  it('passes for a free port', async () => {
    const port = await findFreePort();
    await assertPortFree(port, '127.0.0.1', 'the API', 'PORT');
  });

  it('names the port, what wanted it and the variable that moves it when the port is taken', async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const { port } = holder.address() as net.AddressInfo;
    try {
      const error = await assertPortFree(port, '127.0.0.1', 'the Temporal UI', 'TEMPORAL_DEV_UI_PORT').then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).to.be.instanceOf(PortInUseError);
      expect((error as Error).message).to.equal(
        `Port ${port} on 127.0.0.1 is already in use, so the Temporal UI cannot listen there. ` +
          `Stop whatever holds it (see \`ss -ltnp 'sport = :${port}'\`), or choose another port with TEMPORAL_DEV_UI_PORT=<port>.`,
      );
    } finally {
      holder.close();
    }
  });
});
