// Preload for every PlusPhone window (sandboxed, context-isolated). Built as one CommonJS file
// (out/preload/index.cjs): a sandboxed preload can only require('electron'), not ESM or chunks.
import { contextBridge, ipcRenderer } from 'electron';
import { installBridges } from './install-bridges.js';

installBridges({ contextBridge, ipcRenderer, argv: process.argv });
