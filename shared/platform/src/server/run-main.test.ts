import { handleShutdownSignals, runMain } from '.';

const SIGNAL = 'SIGUSR2';

afterEach(() => {
  process.removeAllListeners(SIGNAL);
});

/** Resolves with the first exit code. */
function exitSpy(): { exit: (code: number) => void; codes: number[]; exited: Promise<number> } {
  const codes: number[] = [];
  let resolve = (_code: number): void => {};
  const exited = new Promise<number>((r) => (resolve = r));
  return {
    codes,
    exited,
    exit: (code) => {
      codes.push(code);
      resolve(code);
    },
  };
}

describe('runMain()', () => {
  it('When main fails to start, then the message is printed and the process exits 1', async () => {
    const spy = exitSpy();
    const printed = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    runMain(async () => Promise.reject(new Error('Invalid configuration:\n  JWT_SECRET must be set')), {
      exit: spy.exit,
      signals: [SIGNAL],
    });
    await expect(spy.exited).resolves.toBe(1);
    expect(printed).toHaveBeenCalledWith('Invalid configuration:\n  JWT_SECRET must be set');
  });

  it('When a signal comes, then the service is closed and the process exits 0', async () => {
    const spy = exitSpy();
    let closed = false;
    runMain(async () => ({ close: async () => void (closed = true) }), { exit: spy.exit, signals: [SIGNAL] });
    await new Promise((resolve) => setImmediate(resolve));
    process.emit(SIGNAL, SIGNAL);
    await expect(spy.exited).resolves.toBe(0);
    expect(closed).toBe(true);
  });
});

describe('handleShutdownSignals()', () => {
  it('When closing fails, then the process exits 1', async () => {
    const spy = exitSpy();
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    handleShutdownSignals(
      { close: () => Promise.reject(new Error('pool stuck')) },
      { exit: spy.exit, signals: [SIGNAL] },
    );
    process.emit(SIGNAL, SIGNAL);
    await expect(spy.exited).resolves.toBe(1);
  });

  it('When a second signal comes while closing, then the process exits 1 at once', async () => {
    const spy = exitSpy();
    handleShutdownSignals(
      { close: () => new Promise<void>(() => undefined) },
      { exit: spy.exit, signals: [SIGNAL] },
    );
    process.emit(SIGNAL, SIGNAL);
    process.emit(SIGNAL, SIGNAL);
    await expect(spy.exited).resolves.toBe(1);
    expect(spy.codes).toEqual([1]);
  });
});
