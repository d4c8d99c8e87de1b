/**
 * The QuickJS WebAssembly module, loaded once per thread. In a browser worker the wasm file is an
 * asset next to the glue (the bundler rewrites `new URL('emscripten-module.wasm', import.meta.url)`);
 * Node callers whose bundle moved the glue away from the wasm (the CLI bundle) pass the bytes.
 */
import { newQuickJSWASMModuleFromVariant, newVariant, type QuickJSWASMModule } from 'quickjs-emscripten-core';
import releaseSync from '@jitl/quickjs-wasmfile-release-sync';

let loading: Promise<QuickJSWASMModule> | null = null;

export function loadQuickJs(wasmBinary?: ArrayBuffer | Uint8Array): Promise<QuickJSWASMModule> {
  if (!loading) {
    const bytes = wasmBinary instanceof Uint8Array ? (wasmBinary.buffer.slice(wasmBinary.byteOffset, wasmBinary.byteOffset + wasmBinary.byteLength) as ArrayBuffer) : wasmBinary;
    const variant = bytes ? newVariant(releaseSync, { wasmBinary: bytes }) : releaseSync;
    loading = newQuickJSWASMModuleFromVariant(variant);
    loading.catch(() => (loading = null));
  }
  return loading;
}

export type { QuickJSWASMModule };
