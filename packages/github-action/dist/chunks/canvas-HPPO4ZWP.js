import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
throw new Error("the GitHub Action ships without the native canvas (@napi-rs/canvas, about 35 MB per platform)");
