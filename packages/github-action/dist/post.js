import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);
import{enableCompileCache}from"./chunks/chunk-HMVUT5NS.js";import"./chunks/chunk-L7J2J663.js";enableCompileCache();var{runPost}=await import("./chunks/post-run-ZOC3MFLX.js");await runPost();
