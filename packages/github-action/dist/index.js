import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import{enableCompileCache}from"./chunks/chunk-HMVUT5NS.js";import"./chunks/chunk-L7J2J663.js";enableCompileCache();var{runMain}=await import("./chunks/main-entry-YOAIGRMX.js");await runMain(new URL(".",import.meta.url));
