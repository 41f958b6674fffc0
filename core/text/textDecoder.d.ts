// core/ compiles with lib ES2022 only, yet every runtime we target (node, browsers, workers)
// has the WHATWG TextDecoder. Named apart from the DOM/node globals so both tsconfigs accept it.

interface ScriptoriumTextDecoder {
  decode(input?: Uint8Array): string;
}

interface ScriptoriumTextDecoderConstructor {
  new (label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean }): ScriptoriumTextDecoder;
}
