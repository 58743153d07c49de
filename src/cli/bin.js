#!/usr/bin/env node
// The `tape` command (package.json "bin"): the CLI is TypeScript, run through tsx's loader.
import { register } from 'tsx/esm/api';

register();
await import('./tape.ts');
