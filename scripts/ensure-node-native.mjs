import { ensureNodeNative } from './native.mjs';

ensureNodeNative();
