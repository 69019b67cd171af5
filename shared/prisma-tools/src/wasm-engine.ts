import fs from 'node:fs';
import path from 'node:path';
import * as bindings from '@prisma/schema-engine-wasm/schema_engine_bg';

// @types/node 20 does not declare the WebAssembly global; these are the two constructors used here.
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, object>) => { exports: Record<string, unknown> };
}
const { WebAssembly: wasm } = globalThis as unknown as { WebAssembly: WebAssemblyApi };

let ready = false;
let panicked = false;
const panicListeners = new Set<(message: string) => void>();

/**
 * Calls `listener` with the message of a Rust panic in the engine, until the returned function is called. The engine
 * reports a panic just before it traps, and the trap is thrown from a callback, where no promise can catch it.
 */
export function onEnginePanic(listener: (message: string) => void): () => void {
  panicListeners.add(listener);
  return () => panicListeners.delete(listener);
}

/**
 * The engine's JS bindings, with the WebAssembly module instantiated once per process. The package's own entry point
 * imports the .wasm file as an ES module, which only bundlers understand, so it is compiled here and handed to the
 * bindings instead.
 */
export function loadEngine(): typeof bindings {
  // A trapped instance cannot be trusted again, and the bindings cannot be pointed at a new one.
  if (panicked) throw new Error('The schema engine crashed earlier in this process; run the command again');
  if (ready) return bindings;
  (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: object }).PRISMA_WASM_PANIC_REGISTRY = {
    set_message: (message: string) => {
      panicked = true;
      panicListeners.forEach((listener) => listener(message));
    },
  };
  const glue = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const module = new wasm.Module(fs.readFileSync(path.join(path.dirname(glue), 'schema_engine_bg.wasm')));
  // The engine starts a 10 s timer around its advisory lock and never clears it; unref'd, it no longer keeps Node alive.
  const imports: Record<string, unknown> = { ...bindings };
  for (const name of Object.keys(imports).filter((key) => key.startsWith('__wbg_setTimeout_'))) {
    imports[name] = (callback: () => void, ms: number) => setTimeout(callback, ms >>> 0).unref();
  }
  const instance = new wasm.Instance(module, { './schema_engine_bg.js': imports });
  bindings.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  ready = true;
  return bindings;
}
